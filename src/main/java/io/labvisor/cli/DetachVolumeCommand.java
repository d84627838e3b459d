package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.VolumeShapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Optional;

@Command(name = "detach-volume", description = "Detach a data volume (the guest is asked to release it).")
final class DetachVolumeCommand extends Ec2Command {
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
    JsonNode execute(Labvisor labvisor) {
        return VolumeShapes.attachment(labvisor.attachments().detach(volumeId, Optional.ofNullable(instanceId), force),
                "detaching");
    }
}
