package io.labvisor.volume;

import io.labvisor.store.Intent;
import io.labvisor.store.IntentRecovery;

import java.util.List;

/**
 * An interrupted CreateSnapshot: the row is written only after libvirt's copy completed, so a snapshot with a row
 * was finished and stays; without one, the partial (or still growing) copy is removed.
 */
public final class CreateSnapshotRollback implements IntentRecovery {
    static final String POOL_VOLUME = "poolVolume";

    private final VolumeService volumes;
    private final SnapshotRepository snapshots;

    public CreateSnapshotRollback(VolumeService volumes, SnapshotRepository snapshots) {
        this.volumes = volumes;
        this.snapshots = snapshots;
    }

    @Override
    public List<String> recover(Intent intent) {
        String snapshotId = intent.resources().get(0);
        if (snapshots.find(snapshotId).isPresent()) {
            return List.of();
        }
        return volumes.removeFile(intent.detail().get(POOL_VOLUME))
                ? List.of(snapshotId + ": partial copy removed") : List.of();
    }
}
