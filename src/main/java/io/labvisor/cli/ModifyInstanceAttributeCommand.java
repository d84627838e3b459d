package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "modify-instance-attribute",
        description = "Change a stopped instance's type (the next start uses it), or its volumes' "
                + "DeleteOnTermination. Prints nothing, as the AWS CLI.")
final class ModifyInstanceAttributeCommand extends Ec2Command {
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
    JsonNode execute(Labvisor labvisor) {
        if ((instanceType == null) == (blockDeviceMappings == null)) {
            throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "Exactly one of --instance-type and --block-device-mappings is required");
        }
        if (blockDeviceMappings != null) {
            labvisor.attachments().setDeleteOnTermination(instanceId,
                    BlockDeviceMappingChanges.parse(blockDeviceMappings));
            return null;
        }
        String type = instanceType.startsWith("Value=") ? instanceType.substring("Value=".length()) : instanceType;
        labvisor.instances().modifyInstanceType(instanceId, type);
        return null;
    }
}
