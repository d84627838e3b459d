package io.labvisor.compute;

import io.labvisor.virt.DomainEvent;
import io.labvisor.virt.Domains;
import io.labvisor.virt.LibvirtHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Powers stopping instances off: the ACPI power button for all of them at once, then the plug for any still
 * running after the grace period ({@code force}: the plug at once). It waits for libvirt's STOPPED events, and
 * InstanceLifecycle moves each row from stopping to stopped on that same event; the instance store goes with
 * the stop, and so do a nitro instance's cards once its domain is shut off (cards run only while their instance
 * does; the next start starts them again). Domain and volumes stay.
 */
public final class InstanceStopper {
    private static final Logger log = LoggerFactory.getLogger(InstanceStopper.class);
    static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration FORCED = Duration.ofSeconds(20);

    private final LibvirtHost libvirt;
    private final InstanceStore instanceStore;
    private final InstanceCards cards;

    public InstanceStopper(LibvirtHost libvirt, InstanceStore instanceStore, InstanceCards cards) {
        this.libvirt = libvirt;
        this.instanceStore = instanceStore;
        this.cards = cards;
    }

    void stop(List<String> instanceIds, boolean force) {
        Domains domains = libvirt.domains();
        long mark = libvirt.events().mark();
        for (String id : instanceIds) {
            if (force) {
                domains.destroyIfRunning(id);
                continue;
            }
            try {
                domains.shutdown(id);
            } catch (RuntimeException e) {
                log.debug("graceful shutdown of {} not possible: {}", id, e.getMessage());
                domains.destroyIfRunning(id);
            }
        }
        Instant graceEnds = Instant.now().plus(GRACE);
        for (String id : instanceIds) {
            Duration left = Duration.between(Instant.now(), graceEnds);
            if (!awaitStopped(id, mark, left.isNegative() ? Duration.ZERO : left)) {
                log.info("{} did not power off within {}: destroying it", id, GRACE);
                domains.destroyIfRunning(id);
                if (!awaitStopped(id, mark, FORCED)) {
                    log.warn("no STOPPED event for {} within {}", id, FORCED);
                }
            }
            instanceStore.delete(id);
            stopCardsIfOff(id);
        }
        // the lifecycle listener runs on the event thread: let it record "stopped" before the caller reads rows
        libvirt.events().drain(Duration.ofSeconds(5));
    }

    /** A guest must never lose its disk: the cards stop only once libvirt reports the domain shut off. */
    private void stopCardsIfOff(String id) {
        if (libvirt.domains().state(id).map(s -> s == Domains.PowerState.SHUTOFF).orElse(true)) {
            cards.stop(id);
        } else {
            log.warn("{} is still running: its cards keep running", id);
        }
    }

    private boolean awaitStopped(String id, long mark, Duration timeout) {
        try {
            return libvirt.events().await(mark, (DomainEvent e) -> e.domain().equals(id) && e.kind().equals("STOPPED"),
                    timeout).isPresent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
