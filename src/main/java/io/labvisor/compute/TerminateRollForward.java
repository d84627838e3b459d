package io.labvisor.compute;

import io.labvisor.store.Intent;
import io.labvisor.store.IntentRecovery;
import io.labvisor.virt.LibvirtHost;

import java.util.ArrayList;
import java.util.List;

/**
 * An interrupted TerminateInstances is rolled forward: the user asked, and half of it (a domain undefined, volumes
 * deleted) cannot be undone. The guest had its graceful chance before the interruption: it is powered off at once.
 */
public final class TerminateRollForward implements IntentRecovery {
    private final LibvirtHost libvirt;
    private final InstanceRepository instances;
    private final InstanceTerminator terminator;

    public TerminateRollForward(LibvirtHost libvirt, InstanceRepository instances, InstanceTerminator terminator) {
        this.libvirt = libvirt;
        this.instances = instances;
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
            libvirt.domains().destroyIfRunning(id);
            instances.transition(id, List.of(InstanceState.PENDING, InstanceState.RUNNING, InstanceState.STOPPING,
                    InstanceState.STOPPED, InstanceState.SHUTTING_DOWN), InstanceState.SHUTTING_DOWN,
                    InstanceTerminator.USER_SHUTDOWN);
            terminator.finishTermination(id);
            changed.add(id + ": " + row.get().state().label() + " -> terminated");
        }
        return changed;
    }
}
