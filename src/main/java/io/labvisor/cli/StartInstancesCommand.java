package io.labvisor.cli;

import io.labvisor.operation.instance.InstanceRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "start-instances",
        description = "Start stopped instances (capacity is checked again).")
final class StartInstancesCommand extends OperationCommand {
    @Option(names = "--instance-ids", arity = "1..*", required = true)
    List<String> instanceIds;

    @Override
    String operation() {
        return "StartInstances";
    }

    @Override
    Record request() {
        return new InstanceRequests.StartInstances(instanceIds);
    }
}
