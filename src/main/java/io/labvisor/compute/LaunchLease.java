package io.labvisor.compute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The launch deadline of pending instances, kept in each instance's row. A pending instance whose domain is not up
 * is given up (a first launch undone, a start fallen back to stopped) only once its own deadline passed, and a
 * launcher pushes the deadline forward at every step it takes (volumes, cards, define, start), for the instance it
 * works on and for those of its reservation queued behind it. So a launch is never given up while its launcher
 * lives, however long the reservation takes, and one whose launcher died (a killed labvisord) is given up
 * {@link #TERM} after its last step, not after the reservation's age.
 */
public final class LaunchLease {
    /** Longer than any one launch step takes on a loaded host (a start under TCG, a card coming up). */
    static final Duration TERM = Duration.ofMinutes(2);

    private final InstanceRepository instances;
    private final Clock clock;
    private final Set<String> queued;

    /** A lease over {@code instanceIds}, all pending and queued for this launcher. */
    LaunchLease(InstanceRepository instances, Clock clock, Collection<String> instanceIds) {
        this.instances = instances;
        this.clock = clock;
        this.queued = new LinkedHashSet<>(instanceIds);
    }

    /** The deadline of an instance reserved or started at {@code now}. */
    static Instant deadlineFrom(Instant now) {
        return now.plus(TERM);
    }

    /**
     * Called before each step of {@code instanceId}'s launch: pushes its deadline and the queued ones' forward.
     * Throws {@link Cancelled} when it is no longer pending: it was terminated meanwhile, and that termination
     * takes over what its launch made so far.
     */
    synchronized void renew(String instanceId) {
        Set<String> pending = instances.extendLaunch(queued, deadlineFrom(clock.instant()));
        queued.retainAll(pending);
        if (!pending.contains(instanceId)) {
            throw new Cancelled(instanceId);
        }
    }

    /** The launch of {@code instanceId} is over (its domain started, or it failed): its deadline is not ours to keep. */
    synchronized void finished(String instanceId) {
        queued.remove(instanceId);
    }

    /**
     * The reconciler's rule for a pending instance whose domain is not up: given up only when no operation of this
     * process holds it and its deadline passed. A row without a deadline (older than it) counts from its last state
     * change.
     */
    static boolean expired(Optional<Instant> deadline, Instant stateChangedAt, boolean inFlight, Instant now) {
        return !inFlight && deadline.orElse(stateChangedAt.plus(TERM)).isBefore(now);
    }

    /** The instance left pending while it was launched (terminated): its launch stops where it is. */
    static final class Cancelled extends RuntimeException {
        Cancelled(String instanceId) {
            super(instanceId + " is no longer pending: its launch stops");
        }
    }
}
