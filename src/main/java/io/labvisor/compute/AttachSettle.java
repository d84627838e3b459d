package io.labvisor.compute;

import io.labvisor.store.Intent;
import io.labvisor.store.IntentRecovery;
import io.labvisor.volume.VolumeRepository;

import java.util.List;
import java.util.Optional;

/**
 * An interrupted AttachVolume is settled to what libvirt's domain holds: AttachVolume writes the row before
 * libvirt plugs the disk, so a row attached to a domain that has no such disk is rolled back to available (and a
 * nitro card's export withdrawn); a disk the domain holds stays attached.
 */
public final class AttachSettle implements IntentRecovery {
    private final InstanceRepository instances;
    private final VolumeRepository volumes;
    private final VolumeAttachments attachments;

    public AttachSettle(InstanceRepository instances, VolumeRepository volumes, VolumeAttachments attachments) {
        this.instances = instances;
        this.volumes = volumes;
        this.attachments = attachments;
    }

    @Override
    public List<String> recover(Intent intent) {
        String volumeId = intent.resources().get(0);
        String instanceId = intent.resources().get(1);
        if (volumes.find(volumeId).filter(v -> v.instanceId().equals(Optional.of(instanceId))).isEmpty()) {
            return List.of();
        }
        Optional<Instance> i = instances.find(instanceId).filter(x -> x.state() != InstanceState.TERMINATED);
        if (i.isPresent() && attachments.domainHolds(i.get(), volumeId)) {
            return List.of(volumeId + ": attached to " + instanceId + " (the domain holds it)");
        }
        volumes.detach(volumeId);
        i.ifPresent(attachments::syncExports);
        return List.of(volumeId + ": attach to " + instanceId + " rolled back");
    }
}
