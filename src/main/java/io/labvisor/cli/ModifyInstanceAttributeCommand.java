package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "modify-instance-attribute",
        description = "Change a stopped instance's type; the next start uses it. Prints nothing, as the AWS CLI.")
final class ModifyInstanceAttributeCommand extends Ec2Command {
    @Option(names = "--instance-id", required = true)
    String instanceId;

    @Option(names = "--instance-type", required = true, description = "e.g. t3.small (the AWS CLI's Value=t3.small works too)")
    String instanceType;

    @Override
    String operation() {
        return "ModifyInstanceAttribute";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        String type = instanceType.startsWith("Value=") ? instanceType.substring("Value=".length()) : instanceType;
        labvisor.instances().modifyInstanceType(instanceId, type);
        return null;
    }
}
