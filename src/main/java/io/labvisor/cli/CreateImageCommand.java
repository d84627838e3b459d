package io.labvisor.cli;

import io.labvisor.operation.image.ImageRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "create-image", description = "Create an AMI from a stopped instance's root volume (flattened copy).")
final class CreateImageCommand extends OperationCommand {
    @Option(names = "--instance-id", required = true)
    String instanceId;

    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--description")
    String description;

    @Override
    String operation() {
        return "CreateImage";
    }

    @Override
    Record request() {
        return new ImageRequests.CreateImage(instanceId, name, description, null);
    }
}
