package io.labvisor.compute;

import io.labvisor.store.Intent;
import io.labvisor.store.IntentRecovery;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeRepository;

import java.util.List;
import java.util.Optional;

/**
 * An interrupted DetachVolume is rolled forward, and settled to what libvirt's domain holds: the user asked, and
 * the guest may have been asked to release the disk already. A disk the domain still holds is asked for again
 * (waiting as DetachVolume does); once it is gone the row is available and a nitro card's export withdrawn. A disk
 * the guest does not let go stays attached, which is then the truth (a later DetachVolume can force it).
 */
public final class DetachRollForward implements IntentRecovery {
    private final InstanceRepository instances;
    private final VolumeRepository volumes;
    private final VolumeAttachments attachments;

    public DetachRollForward(InstanceRepository instances, VolumeRepository volumes, VolumeAttachments attachments) {
        this.instances = instances;
        this.volumes = volumes;
        this.attachments = attachments;
    }

    @Override
    public List<String> recover(Intent intent) {
        String volumeId = intent.resources().get(0);
        String instanceId = intent.resources().get(1);
        Optional<Volume> v = volumes.find(volumeId).filter(x -> x.instanceId().equals(Optional.of(instanceId)));
        if (v.isEmpty()) {
            return List.of();
        }
        Optional<Instance> i = instances.find(instanceId).filter(x -> x.state() != InstanceState.TERMINATED);
        if (i.isPresent() && attachments.domainHolds(i.get(), volumeId) && !attachments.detachAgain(i.get(),
                v.get())) {
            return List.of(volumeId + ": the guest of " + instanceId + " still holds it; it stays attached");
        }
        volumes.detach(volumeId);
        i.ifPresent(attachments::syncExports);
        return List.of(volumeId + ": detached from " + instanceId);
    }
}
