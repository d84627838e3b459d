package io.labvisor.compute;

import io.labvisor.store.Intent;
import io.labvisor.store.IntentRecovery;
import io.labvisor.virt.Domains;
import io.labvisor.virt.LibvirtHost;

import java.util.ArrayList;
import java.util.List;

/**
 * An interrupted StartInstances is settled to what libvirt runs: a pending instance whose domain came up is
 * running (its cards are brought up by the reconciliation that follows the recovery); one whose domain did not is
 * back to stopped, with no instance store or cards, as a failed start leaves it.
 */
public final class StartSettle implements IntentRecovery {
    private final LibvirtHost libvirt;
    private final InstanceRepository instances;
    private final InstanceStore instanceStore;
    private final InstanceCards cards;

    public StartSettle(LibvirtHost libvirt, InstanceRepository instances, InstanceStore instanceStore,
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
            if (instances.find(id).filter(i -> i.state() == InstanceState.PENDING).isEmpty()) {
                continue;
            }
            var power = libvirt.domains().state(id);
            if (power.isEmpty()) {
                continue; // the domain is gone: the reconciler marks it lost
            }
            if (power.get() != Domains.PowerState.SHUTOFF) {
                instances.transition(id, List.of(InstanceState.PENDING), InstanceState.RUNNING, null);
                changed.add(id + ": pending -> running");
            } else {
                instanceStore.delete(id);
                cards.stop(id);
                instances.transition(id, List.of(InstanceState.PENDING), InstanceState.STOPPED,
                        InstanceService.START_FAILED);
                changed.add(id + ": pending -> stopped (start rolled back)");
            }
        }
        return changed;
    }
}
