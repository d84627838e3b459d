package io.labvisor.cli;

import io.labvisor.operation.volume.VolumeRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete-volume", description = "Delete an available (detached) volume.")
final class DeleteVolumeCommand extends OperationCommand {
    @Option(names = "--volume-id", required = true)
    String volumeId;

    @Override
    String operation() {
        return "DeleteVolume";
    }

    @Override
    Record request() {
        return new VolumeRequests.DeleteVolume(volumeId);
    }
}
