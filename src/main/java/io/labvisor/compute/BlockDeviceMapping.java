package io.labvisor.compute;

import java.util.Optional;

/**
 * One {@code --block-device-mappings} entry of RunInstances, as the caller wrote it (nothing resolved yet): an EBS
 * volume ({@code ebs}), an instance store volume ({@code virtualName} ephemeralN) or {@code noDevice}.
 */
public record BlockDeviceMapping(String deviceName, Optional<Ebs> ebs, Optional<String> virtualName,
                                 boolean noDevice) {

    public static BlockDeviceMapping ebs(String deviceName, Ebs ebs) {
        return new BlockDeviceMapping(deviceName, Optional.of(ebs), Optional.empty(), false);
    }

    /** The EBS part; every field may be left out (the AMI's or EC2's default then applies). */
    public record Ebs(Optional<Integer> volumeSize, Optional<String> volumeType, Optional<Integer> iops,
                      Optional<Integer> throughput, Optional<Boolean> deleteOnTermination,
                      Optional<String> snapshotId) {

        public static Ebs of(Integer volumeSize, String volumeType, Boolean deleteOnTermination) {
            return new Ebs(Optional.ofNullable(volumeSize), Optional.ofNullable(volumeType), Optional.empty(),
                    Optional.empty(), Optional.ofNullable(deleteOnTermination), Optional.empty());
        }
    }
}
