package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Optional;

@Command(name = "create-image", description = "Create an AMI from a stopped instance's root volume (flattened copy).")
final class CreateImageCommand extends Ec2Command {
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
    JsonNode execute(Labvisor labvisor) {
        ObjectNode n = Shapes.object();
        n.put("ImageId", labvisor.imageCapture().capture(instanceId, name, Optional.ofNullable(description))
                .imageId());
        return n;
    }
}
