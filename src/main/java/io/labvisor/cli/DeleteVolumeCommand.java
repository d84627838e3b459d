package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete-volume", description = "Delete an available (detached) volume.")
final class DeleteVolumeCommand extends Ec2Command {
    @Option(names = "--volume-id", required = true)
    String volumeId;

    @Override
    String operation() {
        return "DeleteVolume";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        labvisor.volumeService().delete(volumeId);
        return null; // the AWS CLI prints nothing for DeleteVolume
    }
}
