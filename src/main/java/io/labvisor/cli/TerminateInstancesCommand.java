package io.labvisor.cli;

import io.labvisor.operation.instance.InstanceRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "terminate-instances",
        description = "Terminate instances: domain and root volume are removed.")
final class TerminateInstancesCommand extends OperationCommand {
    @Option(names = "--instance-ids", arity = "1..*", required = true)
    List<String> instanceIds;

    @Override
    String operation() {
        return "TerminateInstances";
    }

    @Override
    Record request() {
        return new InstanceRequests.TerminateInstances(instanceIds);
    }
}
