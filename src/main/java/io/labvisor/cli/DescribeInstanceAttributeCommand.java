package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Base64;

@Command(name = "describe-instance-attribute", description = "Show an instance attribute (userData, base64 as in EC2; instanceType).")
final class DescribeInstanceAttributeCommand extends Ec2Command {
    @Option(names = "--instance-id", required = true)
    String instanceId;

    @Option(names = "--attribute", required = true)
    String attribute;

    @Override
    String operation() {
        return "DescribeInstanceAttribute";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        ObjectNode root = Shapes.object();
        root.put("InstanceId", labvisor.instances().require(instanceId).instanceId());
        switch (io.labvisor.compute.InstanceAttribute.parse(attribute)) {
            case USER_DATA -> {
                ObjectNode value = root.putObject("UserData");
                labvisor.instances().userData(instanceId)
                        .ifPresent(bytes -> value.put("Value", Base64.getEncoder().encodeToString(bytes)));
            }
            case INSTANCE_TYPE -> root.putObject("InstanceType")
                    .put("Value", labvisor.instances().require(instanceId).instanceType());
        }
        return root;
    }
}
