package io.labvisor.cli;

import io.labvisor.operation.volume.VolumeRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "create-snapshot", description = "Copy a volume's content into a standalone snapshot.")
final class CreateSnapshotCommand extends OperationCommand {
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
    Record request() {
        return new VolumeRequests.CreateSnapshot(volumeId, null, TagArguments.specifications(tagSpecifications));
    }
}
