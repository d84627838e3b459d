package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.VolumeShapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "create-snapshot", description = "Copy a volume's content into a standalone snapshot.")
final class CreateSnapshotCommand extends Ec2Command {
    @Option(names = "--volume-id", required = true)
    String volumeId;

    @Override
    String operation() {
        return "CreateSnapshot";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        return VolumeShapes.snapshot(labvisor.snapshots().create(volumeId));
    }
}
