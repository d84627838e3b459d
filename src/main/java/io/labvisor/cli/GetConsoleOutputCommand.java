package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;

@Command(name = "get-console-output", description = "The last 64 KiB of an instance's serial console.")
final class GetConsoleOutputCommand extends Ec2Command {
    @Option(names = "--instance-id", required = true)
    String instanceId;

    @Option(names = "--latest", description = "accepted for compatibility: the output is always the latest")
    boolean latest;

    @Override
    String operation() {
        return "GetConsoleOutput";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        ObjectNode root = Shapes.object();
        root.put("InstanceId", instanceId);
        root.put("Output", labvisor.instances().consoleOutput(instanceId));
        root.put("Timestamp", Shapes.time(Instant.now()));
        return root;
    }
}
