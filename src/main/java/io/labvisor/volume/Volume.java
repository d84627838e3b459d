package io.labvisor.volume;

import java.time.Instant;
import java.util.Optional;

/**
 * An EBS-style volume: a file in labvisor's storage pool. Root volumes are qcow2 overlays whose backing file is
 * the AMI's root volume ({@code sourceImageId}), so the AMI is shared and never written. Data volumes (created by
 * CreateVolume) carry their provisioned {@code iops} and {@code throughputMiBps} and, while attached, the guest
 * target they were given ({@code targetDev}, e.g. vdc) so every later start plans them at the same place.
 */
public record Volume(String volumeId, int sizeGib, String volumeType, String poolVolume, String path, String state,
                     Optional<String> sourceImageId, Optional<String> instanceId, Optional<String> deviceName,
                     boolean deleteOnTermination, Instant createTime, Optional<Integer> iops,
                     Optional<Integer> throughputMiBps, Optional<String> snapshotId, Optional<String> targetDev,
                     Optional<Instant> attachTime) {

    /**
     * A root volume (no snapshot, attached at launch): the AMI's type and size, or what a launch's block device
     * mapping for the root device asked for.
     */
    public static Volume root(String volumeId, int sizeGib, String volumeType, Optional<Integer> iops,
                              Optional<Integer> throughputMiBps, String poolVolume, String imageId, String instanceId,
                              String deviceName, boolean deleteOnTermination, Instant now) {
        return new Volume(volumeId, sizeGib, volumeType, poolVolume, "", "creating", Optional.of(imageId),
                Optional.of(instanceId), Optional.of(deviceName), deleteOnTermination, now, iops,
                throughputMiBps, Optional.empty(), Optional.empty(), Optional.of(now));
    }

    /** A data volume's performance, as it was checked and resolved at CreateVolume. */
    public VolumePerformance performance() {
        return EbsLimits.resolve(VolumeType.parse(volumeType), sizeGib, iops.filter(i -> hasProvisionedIops()),
                throughputMiBps.filter(t -> volumeType.equals("gp3")));
    }

    private boolean hasProvisionedIops() {
        return volumeType.equals("gp3") || volumeType.startsWith("io");
    }

    public boolean isRoot() {
        return sourceImageId.isPresent();
    }
}
