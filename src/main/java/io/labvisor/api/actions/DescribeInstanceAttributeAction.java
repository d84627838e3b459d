package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.XmlNode;
import io.labvisor.compute.InstanceAttribute;
import io.labvisor.compute.InstanceService;

import java.util.Base64;

/** DescribeInstanceAttribute: {@code InstanceId}, {@code Attribute} userData (base64, as EC2) or instanceType. */
final class DescribeInstanceAttributeAction implements ActionHandler {
    private final InstanceService instances;

    DescribeInstanceAttributeAction(InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public String action() {
        return "DescribeInstanceAttribute";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        String id = q.requiredString("InstanceId");
        InstanceAttribute attribute = InstanceAttribute.parse(q.requiredString("Attribute"));
        instances.require(id);
        return out -> {
            out.text("instanceId", id);
            switch (attribute) {
                case USER_DATA -> {
                    XmlNode value = out.child("userData");
                    instances.userData(id).ifPresent(b -> value.text("value", Base64.getEncoder().encodeToString(b)));
                }
                case INSTANCE_TYPE -> out.child("instanceType").text("value", instances.require(id).instanceType());
            }
        };
    }
}
