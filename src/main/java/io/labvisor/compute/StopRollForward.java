package io.labvisor.compute;

import io.labvisor.store.Intent;
import io.labvisor.store.IntentRecovery;
import io.labvisor.virt.Domains;
import io.labvisor.virt.LibvirtHost;

import java.util.ArrayList;
import java.util.List;

/**
 * An interrupted StopInstances is rolled forward to stopped: the user asked, and the guest may already be half
 * way down. The graceful wait was cut short, so what is still running is powered off now (as the stopper does
 * after its grace), its instance store and cards go, and the row becomes stopped. An instance whose domain is gone
 * is left to the reconciler (lost, terminated).
 */
public final class StopRollForward implements IntentRecovery {
    private final LibvirtHost libvirt;
    private final InstanceRepository instances;
    private final InstanceStore instanceStore;
    private final InstanceCards cards;

    public StopRollForward(LibvirtHost libvirt, InstanceRepository instances, InstanceStore instanceStore,
                           InstanceCards cards) {
        this.libvirt = libvirt;
        this.instances = instances;
        this.instanceStore = instanceStore;
        this.cards = cards;
    }

    @Override
    public List<String> recover(Intent intent) {
        List<String> changed = new ArrayList<>();
        for (String id : intent.resources()) {
            var row = instances.find(id).filter(i -> i.state() == InstanceState.RUNNING
                    || i.state() == InstanceState.STOPPING);
            if (row.isEmpty() || libvirt.domains().state(id).isEmpty()) {
                continue;
            }
            instances.transition(id, List.of(InstanceState.RUNNING), InstanceState.STOPPING,
                    InstanceTerminator.USER_SHUTDOWN);
            libvirt.domains().destroyIfRunning(id);
            if (libvirt.domains().state(id).filter(s -> s != Domains.PowerState.SHUTOFF).isPresent()) {
                throw new IllegalStateException(id + " is still running after destroy");
            }
            instanceStore.delete(id);
            cards.stop(id); // the domain is shut off: no guest loses its disk
            instances.transition(id, List.of(InstanceState.STOPPING), InstanceState.STOPPED,
                    InstanceTerminator.USER_SHUTDOWN);
            changed.add(id + ": " + row.get().state().label() + " -> stopped");
        }
        return changed;
    }
}
