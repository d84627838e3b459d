package io.labvisor.compute;

import io.labvisor.domain.DomainXml;
import io.labvisor.ec2.ResourceId;
import io.labvisor.virt.Domains;
import io.labvisor.virt.LibvirtHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings labvisor's rows in line with libvirt, which is the truth about what runs. Runs when labvisor starts,
 * so a crash or restart of labvisor (or a domain changed behind its back) never leaves a stale state: pending and
 * stopping rows whose process went away are finished from what libvirt reports. A pending instance without a running
 * domain is given up only once its own launch deadline passed ({@link LaunchLease}) and nothing in this process
 * holds it; an instance an operation holds is never touched.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** A stopping row older than this, with its domain still up, lost the process that was stopping it. */
    private static final Duration STOP_GRACE = InstanceStopper.GRACE.plusMinutes(1);
    private static final Duration TERMINATED_VISIBLE = Duration.ofHours(1);

    private final LibvirtHost libvirt;
    private final InstanceRepository instances;
    private final InstanceTerminator terminator;
    private final InstanceCards cards;
    private final InstancesInFlight inFlight;

    public Reconciler(LibvirtHost libvirt, InstanceRepository instances, InstanceTerminator terminator,
                      InstanceCards cards, InstancesInFlight inFlight) {
        this.cards = cards;
        this.inFlight = inFlight;
        this.libvirt = libvirt;
        this.instances = instances;
        this.terminator = terminator;
    }

    /** What reconciliation changed, for logs and tests. */
    public record Report(List<String> changes, List<String> unknownDomains) {
    }

    public Report reconcile() {
        List<String> changes = new java.util.ArrayList<>();
        Domains domains = libvirt.domains();
        Instant now = Instant.now();
        for (Instance listed : instances.all()) {
            if (listed.state() == InstanceState.TERMINATED) {
                continue;
            }
            // an instance an operation holds is that operation's; the row is read again under the instance's lock
            Optional<InstancesInFlight.Handle> lock = inFlight.tryExclusive(listed.instanceId());
            if (lock.isEmpty()) {
                continue;
            }
            try (InstancesInFlight.Handle held = lock.get()) {
                instances.find(listed.instanceId()).ifPresent(i -> reconcile(i, domains, now, changes));
            }
        }
        reconcileCards(domains, changes);
        instances.purgeTerminatedBefore(now.minus(TERMINATED_VISIBLE));
        return new Report(changes, unknownDomains(domains));
    }

    private void reconcile(Instance i, Domains domains, Instant now, List<String> changes) {
        Optional<Domains.PowerState> power = domains.state(i.instanceId());
        boolean active = power.isPresent() && power.get() != Domains.PowerState.SHUTOFF;
        String before = i.state().label();
        switch (i.state()) {
            case SHUTTING_DOWN -> terminator.finishTermination(i.instanceId());
            case PENDING -> {
                if (active) {
                    instances.transition(i.instanceId(), List.of(InstanceState.PENDING), InstanceState.RUNNING, null);
                } else if (LaunchLease.expired(instances.launchDeadline(i.instanceId()), i.stateChangedAt(),
                        inFlight.contains(i.instanceId()), now)) {
                    abandonedStart(i, power.isPresent());
                }
            }
            case STOPPING -> {
                if (power.isEmpty()) {
                    markLost(i);
                } else if (!active) {
                    instances.transition(i.instanceId(), List.of(InstanceState.STOPPING), InstanceState.STOPPED,
                            InstanceTerminator.USER_SHUTDOWN);
                } else if (i.stateChangedAt().plus(STOP_GRACE).isBefore(now)) {
                    // the process that was stopping it is gone: finish the stop as it would have
                    domains.destroyIfRunning(i.instanceId());
                    instances.transition(i.instanceId(), List.of(InstanceState.STOPPING), InstanceState.STOPPED,
                            InstanceTerminator.USER_SHUTDOWN);
                }
            }
            case RUNNING -> {
                if (power.isEmpty()) {
                    markLost(i);
                } else if (!active) {
                    instances.transition(i.instanceId(), List.of(i.state()), InstanceState.STOPPED,
                            i.state() == InstanceState.STOPPING ? InstanceTerminator.USER_SHUTDOWN
                                    : InstanceLifecycle.GUEST_SHUTDOWN);
                }
            }
            case STOPPED -> {
                if (power.isEmpty()) {
                    markLost(i);
                } else if (active) {
                    instances.transition(i.instanceId(), List.of(InstanceState.STOPPED), InstanceState.RUNNING, null);
                }
            }
            default -> {
            }
        }
        String after = instances.find(i.instanceId()).map(x -> x.state().label()).orElse("removed");
        if (!before.equals(after)) {
            changes.add(i.instanceId() + ": " + before + " -> " + after);
            log.info("reconciled {}: {} -> {}", i.instanceId(), before, after);
        }
    }

    /**
     * A pending instance whose domain never came up. A first launch (never changed state since it was launched)
     * is undone; a start of a stopped instance falls back to stopped, or is lost when its domain is gone.
     */
    private void abandonedStart(Instance i, boolean defined) {
        if (!i.stateChangedAt().isAfter(i.launchTime())) {
            terminator.discard(i);
        } else if (defined) {
            instances.transition(i.instanceId(), List.of(InstanceState.PENDING), InstanceState.STOPPED,
                    InstanceService.START_FAILED);
        } else {
            markLost(i);
        }
    }

    /**
     * Every nitro instance whose domain exists and that is not stopped gets its storage and network cards: running
     * ones adopted, dead ones started again (QEMU reconnects to it). Cards of this state directory that belong to no
     * live nitro instance (stopped ones included: their start starts them again) are stopped. A pending instance
     * without a domain may be mid-launch: its card is left alone.
     */
    private void reconcileCards(Domains domains, List<String> changes) {
        for (Instance i : instances.all()) {
            if (!wantsCards(i)) {
                continue;
            }
            // its launch, stop or termination handles its cards
            Optional<InstancesInFlight.Handle> lock = inFlight.tryExclusive(i.instanceId());
            if (lock.isEmpty()) {
                continue;
            }
            try (InstancesInFlight.Handle held = lock.get()) {
                instances.find(i.instanceId()).filter(Reconciler::wantsCards)
                        .ifPresent(fresh -> ensureCards(fresh, domains, changes));
            }
        }
        // wanted read again just before: a launch that began during this reconciliation has its row by now
        for (String id : cards.supervisor().stopOthers(wantedCards())) {
            changes.add(id + ": orphaned storage card stopped");
        }
        for (String id : cards.networkSupervisor().stopOthers(wantedCards())) {
            changes.add(id + ": orphaned network card stopped");
        }
    }

    /** A stopped instance has no cards (stopped with it, or orphaned by a guest-initiated power-off). */
    private static boolean wantsCards(Instance i) {
        return i.ioProfile() == IoProfile.NITRO && i.state() != InstanceState.TERMINATED
                && i.state() != InstanceState.STOPPED;
    }

    private Set<String> wantedCards() {
        return instances.all().stream().filter(Reconciler::wantsCards).map(Instance::instanceId)
                .collect(Collectors.toSet());
    }

    private void ensureCards(Instance i, Domains domains, List<String> changes) {
        if (domains.state(i.instanceId()).isEmpty()) {
            return;
        }
        boolean running = cards.supervisor().pid(cards.spec(i)).isPresent();
        try {
            cards.ensure(i);
        } catch (RuntimeException e) { // e.g. an export the card refuses: the root disk still runs
            log.error("cannot bring the storage card of {} in line: {}", i.instanceId(), e.getMessage());
            changes.add(i.instanceId() + ": storage card not in line with its volumes");
        }
        if (!running) {
            changes.add(i.instanceId() + ": storage card restarted");
            log.info("restarted the missing storage card of {}", i.instanceId());
        }
        if (!cards.networkCardProcesses()) {
            return; // the kernel's vhost-net serves the NIC: no process of ours to keep
        }
        boolean nicRunning = cards.networkSupervisor().pid(cards.networkSpec(i)).isPresent();
        try {
            cards.ensureNetwork(i);
        } catch (RuntimeException e) { // e.g. the network's bridge is down: the guest is offline, not lost
            log.error("cannot start the network card of {}: {}", i.instanceId(), e.getMessage());
            return;
        }
        if (!nicRunning) {
            changes.add(i.instanceId() + ": network card restarted");
            log.info("restarted the missing network card of {}", i.instanceId());
        }
    }

    /** The domain vanished (someone undefined it): the instance cannot run again. */
    private void markLost(Instance i) {
        instances.transition(i.instanceId(), List.of(i.state()), InstanceState.SHUTTING_DOWN,
                "Server.InternalError: The instance's domain no longer exists in libvirt");
        terminator.finishTermination(i.instanceId());
    }

    /** Domains that carry labvisor metadata but have no row: reported, never touched. */
    private List<String> unknownDomains(Domains domains) {
        Set<String> known = instances.all().stream().map(Instance::instanceId).collect(Collectors.toSet());
        return domains.names().stream()
                .filter(n -> ResourceId.INSTANCE.isValid(n) && !known.contains(n))
                .filter(n -> domains.xml(n).flatMap(DomainXml::readMetadata).isPresent())
                .peek(n -> log.info("domain {} carries labvisor metadata but is not in this state database", n))
                .toList();
    }
}
