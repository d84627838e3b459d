package io.labvisor.cli;

import io.labvisor.operation.instance.InstanceRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "modify-instance-attribute",
        description = "Change a stopped instance's type (the next start uses it), or its volumes' "
                + "DeleteOnTermination. Prints nothing, as the AWS CLI.")
final class ModifyInstanceAttributeCommand extends OperationCommand {
    @Option(names = "--instance-id", required = true)
    String instanceId;

    @Option(names = "--instance-type", description = "e.g. t3.small (the AWS CLI's Value=t3.small works too)")
    String instanceType;

    @Option(names = "--block-device-mappings",
            description = "JSON: [{\"DeviceName\":\"/dev/sdf\",\"Ebs\":{\"DeleteOnTermination\":true}}]")
    String blockDeviceMappings;

    @Override
    String operation() {
        return "ModifyInstanceAttribute";
    }

    @Override
    Record request() {
        String type = instanceType != null && instanceType.startsWith("Value=")
                ? instanceType.substring("Value=".length()) : instanceType;
        List<InstanceRequests.DeleteOnTerminationChange> changes = blockDeviceMappings == null ? List.of()
                : BlockDeviceMappingChanges.parse(blockDeviceMappings).entrySet().stream()
                .map(e -> new InstanceRequests.DeleteOnTerminationChange(e.getKey(), e.getValue())).toList();
        return new InstanceRequests.ModifyInstanceAttribute(instanceId, type, null, null, changes);
    }
}
