package io.labvisor.cli;

import io.labvisor.operation.instance.InstanceRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "describe-instance-attribute", description = "Show an instance attribute (userData, base64 as in EC2; instanceType).")
final class DescribeInstanceAttributeCommand extends OperationCommand {
    @Option(names = "--instance-id", required = true)
    String instanceId;

    @Option(names = "--attribute", required = true)
    String attribute;

    @Override
    String operation() {
        return "DescribeInstanceAttribute";
    }

    @Override
    Record request() {
        return new InstanceRequests.DescribeInstanceAttribute(instanceId, attribute);
    }
}
