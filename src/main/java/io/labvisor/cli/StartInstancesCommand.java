package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "start-instances", description = "Start stopped instances (capacity is checked again).")
final class StartInstancesCommand extends Ec2Command {
    @Option(names = "--instance-ids", arity = "1..*", required = true)
    List<String> instanceIds;

    @Override
    String operation() {
        return "StartInstances";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        return Shapes.stateChanges("StartingInstances", labvisor.instances().start(instanceIds));
    }
}
