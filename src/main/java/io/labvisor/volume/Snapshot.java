package io.labvisor.volume;

import java.time.Instant;

/** An EBS-style snapshot: a standalone qcow2 copy of a volume's content at one moment, in the pool. */
public record Snapshot(String snapshotId, String volumeId, int sizeGib, String poolVolume, String path, String state,
                       Instant startTime) {
}
