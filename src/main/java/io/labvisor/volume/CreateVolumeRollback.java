package io.labvisor.volume;

import io.labvisor.store.Intent;
import io.labvisor.store.IntentRecovery;

import java.util.List;

/**
 * An interrupted CreateVolume is rolled back: its caller never learned the volume id, so a volume still
 * {@code creating} (or a file whose row was never written) is removed. One that reached available or in-use was
 * finished and stays: it may already be in use.
 */
public final class CreateVolumeRollback implements IntentRecovery {
    static final String POOL_VOLUME = "poolVolume";

    private final VolumeService volumes;
    private final VolumeRepository rows;

    public CreateVolumeRollback(VolumeService volumes, VolumeRepository rows) {
        this.volumes = volumes;
        this.rows = rows;
    }

    @Override
    public List<String> recover(Intent intent) {
        String volumeId = intent.resources().get(0);
        var row = rows.find(volumeId);
        if (row.isPresent() && !row.get().state().equals("creating")) {
            return List.of();
        }
        if (row.isPresent()) {
            volumes.remove(row.get());
            return List.of(volumeId + ": creating -> rolled back");
        }
        return volumes.removeFile(intent.detail().get(POOL_VOLUME))
                ? List.of(volumeId + ": file without a row removed") : List.of();
    }
}
