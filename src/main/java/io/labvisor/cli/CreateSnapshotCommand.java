package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.VolumeShapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.labvisor.cli.output.TagShapes;
import io.labvisor.tag.TaggedResource;

import java.util.List;

@Command(name = "create-snapshot", description = "Copy a volume's content into a standalone snapshot.")
final class CreateSnapshotCommand extends Ec2Command {
    @Option(names = "--volume-id", required = true)
    String volumeId;

    @Option(names = "--tag-specifications", arity = "1..*",
            description = "ResourceType=snapshot,Tags=[{Key=k,Value=v},...] (or JSON)")
    List<String> tagSpecifications;

    @Override
    String operation() {
        return "CreateSnapshot";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        var s = labvisor.snapshots().create(volumeId, TagArguments.forOnly(tagSpecifications, TaggedResource.SNAPSHOT));
        return TagShapes.put(VolumeShapes.snapshot(s), labvisor.tags().of(s.snapshotId()));
    }
}
