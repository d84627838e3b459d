package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import io.labvisor.image.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "register-image", description = "Register an AMI from a labvisor image manifest.")
final class RegisterImageCommand extends Ec2Command {
    @Option(names = "--manifest", required = true, description = "manifest.json of the image (see docs/CONTRACTS.md)")
    Path manifest;

    @Option(names = "--name", description = "AMI name (default: the manifest's)")
    String name;

    @Option(names = "--description")
    String description;

    @Override
    String operation() {
        return "RegisterImage";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        Image image = labvisor.images().register(manifest, Optional.ofNullable(name), Optional.ofNullable(description));
        ObjectNode root = Shapes.object();
        root.put("ImageId", image.imageId());
        return root;
    }
}
