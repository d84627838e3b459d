package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deregister-image", description = "Deregister an AMI; running instances keep working.")
final class DeregisterImageCommand extends Ec2Command {
    @Option(names = "--image-id", required = true)
    String imageId;

    @Override
    String operation() {
        return "DeregisterImage";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        labvisor.images().deregister(imageId, labvisor.volumes()::anyFromImage);
        return null; // the AWS CLI prints nothing for DeregisterImage
    }
}
