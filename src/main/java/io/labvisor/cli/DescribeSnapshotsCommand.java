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

@Command(name = "describe-snapshots", description = "List snapshots.")
final class DescribeSnapshotsCommand extends Ec2Command {
    @Option(names = "--snapshot-ids", arity = "1..*")
    List<String> snapshotIds;

    @Option(names = "--owner-ids", arity = "1..*", description = "accepted for compatibility: every snapshot is "
            + "yours")
    List<String> owners;

    @Option(names = "--filters", arity = "1..*", description = "snapshot-id, volume-id, status, volume-size, tag:<key>, "
            + "tag-key")
    List<String> filters;

    @Override
    String operation() {
        return "DescribeSnapshots";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        ObjectNode root = Shapes.object();
        ArrayNode list = root.putArray("Snapshots");
        labvisor.snapshots().describe(snapshotIds == null ? List.of() : snapshotIds, Filters.parse(filters))
                .forEach(s -> list.add(io.labvisor.cli.output.TagShapes.put(VolumeShapes.snapshot(s),
                        labvisor.tags().of(s.snapshotId()))));
        return root;
    }
}
