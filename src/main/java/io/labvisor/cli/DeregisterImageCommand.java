package io.labvisor.cli;

import io.labvisor.operation.image.ImageRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deregister-image", description = "Deregister an AMI; running instances keep working.")
final class DeregisterImageCommand extends OperationCommand {
    @Option(names = "--image-id", required = true)
    String imageId;

    @Override
    String operation() {
        return "DeregisterImage";
    }

    @Override
    Record request() {
        return new ImageRequests.DeregisterImage(imageId);
    }
}
