package io.labvisor.volume;

import java.time.Instant;
import java.util.Optional;

/**
 * An EBS-style volume: a file in labvisor's storage pool. Root volumes are qcow2 overlays whose backing file is
 * the AMI's root volume ({@code sourceImageId}), so the AMI is shared and never written.
 */
public record Volume(String volumeId, int sizeGib, String volumeType, String poolVolume, String path, String state,
                     Optional<String> sourceImageId, Optional<String> instanceId, Optional<String> deviceName,
                     boolean deleteOnTermination, Instant createTime) {
}
