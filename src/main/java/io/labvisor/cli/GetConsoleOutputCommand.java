package io.labvisor.cli;

import io.labvisor.operation.instance.InstanceRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "get-console-output", description = "The last 64 KiB of an instance's serial console.")
final class GetConsoleOutputCommand extends OperationCommand {
    @Option(names = "--instance-id", required = true)
    String instanceId;

    @Option(names = "--latest", description = "accepted for compatibility: the output is always the latest")
    boolean latest;

    @Override
    String operation() {
        return "GetConsoleOutput";
    }

    @Override
    Record request() {
        return new InstanceRequests.GetConsoleOutput(instanceId, latest);
    }
}
