package io.labvisor.cli;

import io.labvisor.operation.volume.VolumeRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "detach-volume", description = "Detach a data volume (the guest is asked to release it).")
final class DetachVolumeCommand extends OperationCommand {
    @Option(names = "--volume-id", required = true)
    String volumeId;

    @Option(names = "--instance-id")
    String instanceId;

    @Option(names = "--force", description = "record it detached even if the guest has not released it in 30 s")
    boolean force;

    @Override
    String operation() {
        return "DetachVolume";
    }

    @Override
    Record request() {
        return new VolumeRequests.DetachVolume(volumeId, instanceId, null, force);
    }
}
