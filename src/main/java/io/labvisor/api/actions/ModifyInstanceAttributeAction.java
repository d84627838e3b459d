package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.compute.InstanceService;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.util.List;

/**
 * ModifyInstanceAttribute: the instance type of a stopped instance ({@code InstanceType.Value}, or
 * {@code Attribute=instanceType} with {@code Value}). Other attributes are refused rather than ignored.
 */
final class ModifyInstanceAttributeAction implements ActionHandler {
    private final InstanceService instances;

    ModifyInstanceAttributeAction(InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public String action() {
        return "ModifyInstanceAttribute";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        String id = q.requiredString("InstanceId");
        instances.describe(List.of(id), List.of());
        String type = q.string("InstanceType.Value").or(() -> q.string("Attribute")
                        .filter("instanceType"::equals).flatMap(a -> q.string("Value")))
                .orElseThrow(() -> new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION,
                        "labvisor can modify only the instanceType attribute"));
        return out -> {
            instances.modifyInstanceType(id, type);
            out.text("return", true);
        };
    }
}
