package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "terminate-instances", description = "Terminate instances: domain and root volume are removed.")
final class TerminateInstancesCommand extends Ec2Command {
    @Option(names = "--instance-ids", arity = "1..*", required = true)
    List<String> instanceIds;

    @Override
    String operation() {
        return "TerminateInstances";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        return Shapes.stateChanges("TerminatingInstances", labvisor.instances().terminate(instanceIds));
    }
}
