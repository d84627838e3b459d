package io.labvisor.virt;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * libvirt's domain lifecycle events, as labvisor consumes them: listeners run one at a time on a dispatcher thread
 * of their own, in the order the events came, and {@link #await} lets a caller block until a matching event
 * arrives (or was seen since {@link #mark()}).
 */
public interface DomainEvents {

    void subscribe(Consumer<DomainEvent> listener);

    /** A position in the event history; {@link #await} looks at events after it. */
    long mark();

    /** Waits for an event after {@code mark} that matches; empty result on timeout. */
    Optional<DomainEvent> await(long mark, Predicate<DomainEvent> match, Duration timeout) throws InterruptedException;

    /** Lets listeners finish what was queued before this call (used before a short-lived CLI exits). */
    void drain(Duration timeout);
}
