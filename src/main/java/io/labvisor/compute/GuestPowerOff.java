package io.labvisor.compute;

import io.labvisor.ec2.ResourceId;
import io.labvisor.virt.DomainEvent;
import io.labvisor.virt.Domains;
import io.labvisor.virt.LibvirtHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stop frees, freed when the guest stopped by itself (powered off, or its emulator died): the instance store
 * and a nitro instance's cards, as {@link InstanceStopper} frees them on a stop-instances. Runs on libvirt's STOPPED
 * event after {@link InstanceLifecycle} has moved the row; acts only on a row that is stopped and a domain that is
 * shut off, so a start already under way (row pending, new cards up) is left alone.
 */
public final class GuestPowerOff {
    private static final Logger log = LoggerFactory.getLogger(GuestPowerOff.class);

    private final InstanceRepository instances;
    private final LibvirtHost libvirt;
    private final InstanceStore instanceStore;
    private final InstanceCards cards;

    public GuestPowerOff(InstanceRepository instances, LibvirtHost libvirt, InstanceStore instanceStore,
                         InstanceCards cards) {
        this.instances = instances;
        this.libvirt = libvirt;
        this.instanceStore = instanceStore;
        this.cards = cards;
    }

    public void onEvent(DomainEvent e) {
        if (!e.kind().equals("STOPPED") || !ResourceId.INSTANCE.isValid(e.domain())) {
            return;
        }
        String id = e.domain();
        boolean stopped = instances.find(id).map(i -> i.state() == InstanceState.STOPPED).orElse(false);
        boolean off = libvirt.domains().state(id).map(s -> s == Domains.PowerState.SHUTOFF).orElse(false);
        if (!stopped || !off) {
            return;
        }
        cards.stop(id);
        instanceStore.delete(id);
        log.info("{} stopped ({}): its cards and instance store are released", id, e.detail());
    }
}
