package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "describe-images", description = "List registered AMIs.")
final class DescribeImagesCommand extends Ec2Command {
    @Option(names = "--image-ids", arity = "1..*")
    List<String> imageIds;

    @Option(names = "--owners", arity = "1..*", description = "accepted for compatibility: every AMI is yours")
    List<String> owners;

    @Option(names = "--filters", arity = "1..*")
    List<String> filters;

    @Override
    String operation() {
        return "DescribeImages";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        ObjectNode root = Shapes.object();
        ArrayNode list = root.putArray("Images");
        labvisor.images().describe(imageIds == null ? List.of() : imageIds, Filters.parse(filters))
                .forEach(i -> list.add(io.labvisor.cli.output.TagShapes.put(Shapes.image(i),
                        labvisor.tags().of(i.imageId()))));
        return root;
    }
}
