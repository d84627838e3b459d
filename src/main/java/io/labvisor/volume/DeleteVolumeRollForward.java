package io.labvisor.volume;

import io.labvisor.store.Intent;
import io.labvisor.store.IntentRecovery;

import java.util.List;

/**
 * An interrupted DeleteVolume is rolled forward once it had claimed the volume ({@code deleting}: the user asked,
 * and the file may be half gone). Before the claim nothing had changed: the volume stays as it was.
 */
public final class DeleteVolumeRollForward implements IntentRecovery {
    private final VolumeService volumes;
    private final VolumeRepository rows;

    public DeleteVolumeRollForward(VolumeService volumes, VolumeRepository rows) {
        this.volumes = volumes;
        this.rows = rows;
    }

    @Override
    public List<String> recover(Intent intent) {
        String volumeId = intent.resources().get(0);
        return rows.find(volumeId).filter(v -> v.state().equals("deleting")).map(v -> {
            volumes.remove(v);
            return List.of(volumeId + ": deleting -> deleted");
        }).orElse(List.of());
    }
}
