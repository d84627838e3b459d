package io.labvisor.cli;

import io.labvisor.operation.volume.VolumeRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "attach-volume", description = "Attach a volume: hot-plugged into a running virtio instance, "
        + "at next start for a stopped one or the emulated profile.")
final class AttachVolumeCommand extends OperationCommand {
    @Option(names = "--volume-id", required = true)
    String volumeId;

    @Option(names = "--instance-id", required = true)
    String instanceId;

    @Option(names = "--device", required = true, description = "/dev/sdf../dev/sdz or /dev/xvdf..")
    String device;

    @Override
    String operation() {
        return "AttachVolume";
    }

    @Override
    Record request() {
        return new VolumeRequests.AttachVolume(volumeId, instanceId, device);
    }
}
