package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "reboot-instances", description = "Reboot running instances (ACPI); prints nothing, as the AWS CLI.")
final class RebootInstancesCommand extends Ec2Command {
    @Option(names = "--instance-ids", arity = "1..*", required = true)
    List<String> instanceIds;

    @Override
    String operation() {
        return "RebootInstances";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        labvisor.instances().reboot(instanceIds);
        return null;
    }
}
