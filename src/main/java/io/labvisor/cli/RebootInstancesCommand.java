package io.labvisor.cli;

import io.labvisor.operation.instance.InstanceRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "reboot-instances",
        description = "Reboot running instances (ACPI); prints nothing, as the AWS CLI.")
final class RebootInstancesCommand extends OperationCommand {
    @Option(names = "--instance-ids", arity = "1..*", required = true)
    List<String> instanceIds;

    @Override
    String operation() {
        return "RebootInstances";
    }

    @Override
    Record request() {
        return new InstanceRequests.RebootInstances(instanceIds);
    }
}
