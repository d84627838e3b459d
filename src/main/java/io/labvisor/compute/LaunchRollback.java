package io.labvisor.compute;

import io.labvisor.store.Intent;
import io.labvisor.store.IntentRecovery;
import io.labvisor.virt.LibvirtHost;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeRepository;

import java.util.ArrayList;
import java.util.List;

/**
 * An interrupted RunInstances is rolled back, as a launch that failed would have been: its caller never got the
 * reservation, and an instance half made (a domain defined but never started, a card without a guest) is worth
 * less than a clean failure. Each instance of it is powered off at once, its domain undefined, the volumes the
 * launch created deleted (its root and the mappings' data volumes, which are born attached: attach time = create
 * time; a volume attached later by AttachVolume is only released) and the instance terminated with a reason that
 * says so, so a describe shows what happened to it. Separate from the launch deadline, which bounds a live launch.
 */
public final class LaunchRollback implements IntentRecovery {
    static final String INTERRUPTED = "Server.InternalError: The launch was interrupted (labvisord restarted)";

    private final LibvirtHost libvirt;
    private final InstanceRepository instances;
    private final VolumeRepository volumes;
    private final InstanceTerminator terminator;

    public LaunchRollback(LibvirtHost libvirt, InstanceRepository instances, VolumeRepository volumes,
                          InstanceTerminator terminator) {
        this.libvirt = libvirt;
        this.instances = instances;
        this.volumes = volumes;
        this.terminator = terminator;
    }

    @Override
    public List<String> recover(Intent intent) {
        List<String> changed = new ArrayList<>();
        for (String id : intent.resources()) {
            var row = instances.find(id).filter(i -> i.state() != InstanceState.TERMINATED);
            if (row.isEmpty()) {
                continue;
            }
            for (Volume v : volumes.attachedTo(id)) {
                if (v.isRoot() || v.attachTime().equals(java.util.Optional.of(v.createTime()))) {
                    volumes.setDeleteOnTermination(v.volumeId(), true);
                }
            }
            libvirt.domains().destroyIfRunning(id);
            instances.transition(id, List.of(InstanceState.PENDING, InstanceState.RUNNING, InstanceState.STOPPING,
                    InstanceState.STOPPED, InstanceState.SHUTTING_DOWN), InstanceState.SHUTTING_DOWN, INTERRUPTED);
            terminator.finishTermination(id, INTERRUPTED);
            changed.add(id + ": " + row.get().state().label() + " -> terminated (launch rolled back)");
        }
        return changed;
    }
}
