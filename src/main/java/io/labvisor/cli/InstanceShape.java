package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.catalog.InstanceType;
import io.labvisor.cli.output.Shapes;
import io.labvisor.compute.Instance;

/** Shapes one instance with its volumes and its type's threads per core. */
final class InstanceShape {
    private InstanceShape() {
    }

    static JsonNode of(Labvisor labvisor, Instance i) {
        int threads = labvisor.catalog().find(i.instanceType()).map(InstanceType::threadsPerCore).orElse(1);
        ObjectNode n = Shapes.instance(i, labvisor.volumes().attachedTo(i.instanceId()), threads);
        labvisor.instances().subnetOf(i).ifPresent(s -> {
            n.put("SubnetId", s.subnetId());
            n.put("VpcId", s.vpcId());
            for (JsonNode eni : n.withArray("NetworkInterfaces")) {
                ((ObjectNode) eni).put("SubnetId", s.subnetId());
                ((ObjectNode) eni).put("VpcId", s.vpcId());
            }
        });
        io.labvisor.cli.output.TagShapes.put(n, labvisor.tags().of(i.instanceId()));
        ArrayNode groups = n.putArray("SecurityGroups");
        for (String g : labvisor.securityGroups().groupsOf(i.instanceId())) {
            groups.addObject().put("GroupId", g);
        }
        return n;
    }
}
