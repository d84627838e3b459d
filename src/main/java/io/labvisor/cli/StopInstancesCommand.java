package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "stop-instances",
        description = "Stop instances: ACPI power button, powered off after a grace period; domain and root volume stay.")
final class StopInstancesCommand extends Ec2Command {
    @Option(names = "--instance-ids", arity = "1..*", required = true)
    List<String> instanceIds;

    @Option(names = "--force", description = "power off at once, without the guest's shutdown")
    boolean force;

    @Override
    String operation() {
        return "StopInstances";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        return Shapes.stateChanges("StoppingInstances", labvisor.instances().stop(instanceIds, force));
    }
}
