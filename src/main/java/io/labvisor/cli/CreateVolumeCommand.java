package io.labvisor.cli;

import io.labvisor.operation.volume.VolumeRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "create-volume", description = "Create an EBS volume (sparse qcow2 in the pool), empty or from a "
        + "snapshot.")
final class CreateVolumeCommand extends OperationCommand {
    @Option(names = "--size", description = "GiB; defaults to the snapshot's size")
    Integer size;

    @Option(names = "--volume-type", defaultValue = "gp2", description = "gp2 (default), gp3, io1, io2, st1, sc1")
    String volumeType;

    @Option(names = "--iops")
    Integer iops;

    @Option(names = "--throughput", description = "MiB/s, gp3 only")
    Integer throughput;

    @Option(names = "--snapshot-id")
    String snapshotId;

    @Option(names = "--availability-zone")
    String availabilityZone;

    @Option(names = "--tag-specifications", arity = "1..*",
            description = "ResourceType=volume,Tags=[{Key=k,Value=v},...] (or JSON)")
    List<String> tagSpecifications;

    @Override
    String operation() {
        return "CreateVolume";
    }

    @Override
    Record request() {
        return new VolumeRequests.CreateVolume(size, volumeType, iops, throughput, snapshotId, availabilityZone,
                TagArguments.specifications(tagSpecifications), null, null, null, null);
    }
}
