package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.VolumeShapes;
import io.labvisor.volume.VolumeService.CreateRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.labvisor.cli.output.TagShapes;
import io.labvisor.tag.TaggedResource;

import java.util.List;
import java.util.Optional;

@Command(name = "create-volume", description = "Create an EBS volume (sparse qcow2 in the pool), empty or from a "
        + "snapshot.")
final class CreateVolumeCommand extends Ec2Command {
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
    JsonNode execute(Labvisor labvisor) {
        var v = labvisor.volumeService().create(new CreateRequest(size, volumeType,
                Optional.ofNullable(iops), Optional.ofNullable(throughput), Optional.ofNullable(snapshotId),
                Optional.ofNullable(availabilityZone), TagArguments.forOnly(tagSpecifications, TaggedResource.VOLUME)));
        return TagShapes.put(VolumeShapes.volume(v), labvisor.tags().of(v.volumeId()));
    }
}
