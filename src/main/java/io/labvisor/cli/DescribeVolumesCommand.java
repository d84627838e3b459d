package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import io.labvisor.cli.output.VolumeShapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "describe-volumes", description = "List EBS volumes (root and data) with their attachments.")
final class DescribeVolumesCommand extends Ec2Command {
    @Option(names = "--volume-ids", arity = "1..*")
    List<String> volumeIds;

    @Option(names = "--filters", arity = "1..*", description = "volume-id, status, attachment.instance-id, "
            + "volume-type, size, ...")
    List<String> filters;

    @Override
    String operation() {
        return "DescribeVolumes";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        ObjectNode root = Shapes.object();
        ArrayNode list = root.putArray("Volumes");
        labvisor.volumeService().describe(volumeIds == null ? List.of() : volumeIds, Filters.parse(filters))
                .forEach(v -> list.add(io.labvisor.cli.output.TagShapes.put(VolumeShapes.volume(v),
                        labvisor.tags().of(v.volumeId()))));
        return root;
    }
}
