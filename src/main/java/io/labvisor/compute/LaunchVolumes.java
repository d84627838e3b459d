package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.AmiManifest;
import io.labvisor.image.Image;
import io.labvisor.volume.EbsLimits;
import io.labvisor.volume.VolumePerformance;
import io.labvisor.volume.VolumeService.CreateRequest;
import io.labvisor.volume.VolumeType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * RunInstances' block device mappings resolved against the AMI, every check made before anything is created: a
 * mapping for the AMI's root device overrides the root volume (size at least the AMI's, type, IOPS, throughput,
 * DeleteOnTermination); a mapping for another device is a new EBS volume created at launch (empty or from a
 * snapshot; DeleteOnTermination true unless given), checked as CreateVolume checks it. {@code ephemeralN} mappings
 * are accepted and change nothing (the instance store comes from the type), as is NoDevice on a device the AMI
 * does not map (the tiny AMI maps its root only).
 */
public final class LaunchVolumes {
    private static final Pattern EPHEMERAL = Pattern.compile("ephemeral([0-9]|1[0-9]|2[0-3])");

    private LaunchVolumes() {
    }

    /** The root volume the instance gets. */
    public record Root(int sizeGib, VolumeType type, Optional<Integer> iops, Optional<Integer> throughput,
                       boolean deleteOnTermination) {
    }

    /** A data volume created at launch and attached at {@code deviceName}. */
    public record Data(String deviceName, CreateRequest request, boolean deleteOnTermination) {
    }

    public record Plan(Root root, List<Data> data) {
        public Plan {
            data = List.copyOf(data);
        }
    }

    /** The AMI's own root volume and nothing else: a launch without mappings. */
    public static Plan defaults(Image image) {
        return resolve(image, List.of(), r -> { });
    }

    /**
     * @param checkVolume CreateVolume's checks of a new data volume (size, type, IOPS, throughput, snapshot)
     * @throws Ec2Exception InvalidBlockDeviceMapping, InvalidParameterValue, ... as EC2 refuses the mapping
     */
    public static Plan resolve(Image image, List<BlockDeviceMapping> mappings, Consumer<CreateRequest> checkVolume) {
        Optional<AmiManifest.Ebs> amiRoot = image.blockDeviceMappings().stream()
                .filter(m -> m.deviceName().equals(image.rootDeviceName())).findFirst()
                .map(AmiManifest.BlockDeviceMapping::ebs);
        Root root = new Root(image.rootSizeGib(), VolumeType.parse(amiRoot.map(AmiManifest.Ebs::volumeType)
                .filter(t -> t != null).orElse("gp3")), Optional.empty(), Optional.empty(),
                amiRoot.map(AmiManifest.Ebs::deleteOnTermination).orElse(true));
        List<Data> data = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BlockDeviceMapping m : mappings) {
            String device = m.deviceName();
            if (device == null || device.isBlank()) {
                throw new Ec2Exception(ErrorCode.MISSING_PARAMETER,
                        "The request must contain the parameter BlockDeviceMapping.DeviceName");
            }
            if (!seen.add(device)) {
                throw invalid("The device '" + device + "' is used in more than one block-device mapping");
            }
            int kinds = (m.ebs().isPresent() ? 1 : 0) + (m.virtualName().isPresent() ? 1 : 0) + (m.noDevice() ? 1 : 0);
            if (kinds != 1) {
                throw invalid("The block-device mapping of " + device + " must give exactly one of Ebs, VirtualName "
                        + "and NoDevice");
            }
            if (device.equals(image.rootDeviceName())) {
                root = root(image, root, m);
                continue;
            }
            DataDisks.checkDeviceName(device);
            if (m.virtualName().isPresent()) {
                if (!EPHEMERAL.matcher(m.virtualName().get()).matches()) {
                    throw Ec2Exception.invalidParameter("Value (" + m.virtualName().get() + ") for parameter "
                            + "virtualName is invalid. Expected ephemeral0 to ephemeral23.");
                }
                continue;
            }
            if (m.noDevice()) {
                continue;
            }
            BlockDeviceMapping.Ebs ebs = m.ebs().get();
            CreateRequest request = new CreateRequest(ebs.volumeSize().orElse(null),
                    ebs.volumeType().orElse(null), ebs.iops(), ebs.throughput(), ebs.snapshotId(), Optional.empty());
            checkVolume.accept(request);
            data.add(new Data(device, request, ebs.deleteOnTermination().orElse(true)));
        }
        return new Plan(root, data);
    }

    /** The root mapping: its EBS part only, from the AMI's own image (no other snapshot), no smaller. */
    private static Root root(Image image, Root ami, BlockDeviceMapping m) {
        if (m.ebs().isEmpty()) {
            throw invalid("The root device " + image.rootDeviceName() + " must be an EBS volume; it cannot be "
                    + (m.noDevice() ? "suppressed" : "an instance store volume"));
        }
        BlockDeviceMapping.Ebs ebs = m.ebs().get();
        if (ebs.snapshotId().isPresent()) {
            throw invalid("The root device " + image.rootDeviceName() + " of " + image.imageId()
                    + " takes the AMI's root image; SnapshotId cannot be given for it");
        }
        int size = ebs.volumeSize().orElse(ami.sizeGib());
        if (size < image.rootSizeGib()) {
            throw invalid("Volume of size " + size + "GB is smaller than the root image of " + image.imageId()
                    + ", expect size >= " + image.rootSizeGib() + "GB");
        }
        VolumeType type = ebs.volumeType().map(VolumeType::parse).orElse(ami.type());
        VolumePerformance p = EbsLimits.resolve(type, size, ebs.iops(), ebs.throughput());
        return new Root(size, type, type.provisionsIops() ? Optional.of((int) p.iops()) : Optional.empty(),
                type.provisionsThroughput() ? Optional.of((int) p.throughputMiBps()) : Optional.empty(),
                ebs.deleteOnTermination().orElse(ami.deleteOnTermination()));
    }

    private static Ec2Exception invalid(String message) {
        return new Ec2Exception(ErrorCode.INVALID_BLOCK_DEVICE_MAPPING, message);
    }
}
