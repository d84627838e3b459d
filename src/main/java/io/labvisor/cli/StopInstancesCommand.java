package io.labvisor.cli;

import io.labvisor.operation.instance.InstanceRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "stop-instances",
        description = "Stop instances: ACPI power button, powered off after a grace period; domain and root volume stay.")
final class StopInstancesCommand extends OperationCommand {
    @Option(names = "--instance-ids", arity = "1..*", required = true)
    List<String> instanceIds;

    @Option(names = "--force", description = "power off at once, without the guest's shutdown")
    boolean force;

    @Override
    String operation() {
        return "StopInstances";
    }

    @Override
    Record request() {
        return new InstanceRequests.StopInstances(instanceIds, force, null);
    }
}
