package io.labvisor.virt;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Fans out libvirt lifecycle events. The libvirt callback only records the event and hands it to a single
 * dispatcher thread, so listeners may call libvirt or the database without stalling the event loop.
 * {@link #await} lets a caller block until a matching event arrives (or was seen since {@link #mark()}).
 */
public final class DomainEvents {
    private static final Logger log = LoggerFactory.getLogger(DomainEvents.class);
    private final Connect connect;
    private final List<Consumer<DomainEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<DomainEvent> history = new ArrayList<>();
    private long trimmed; // events dropped from the front of history; marks count from the very first event
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "domain-events");
        t.setDaemon(true);
        return t;
    });
    private final LifecycleListener callback = (domain, event) -> {
        try {
            DomainEvent e = new DomainEvent(domain.getName(), event.getType().name(),
                    String.valueOf((Object) event.getDetail()), Instant.now());
            record(e);
        } catch (LibvirtException ex) {
            log.warn("lifecycle event for an unnamed domain: {}", ex.getMessage());
        }
        return 0;
    };

    DomainEvents(Connect connect) {
        this.connect = connect;
    }

    void register() throws LibvirtException {
        connect.addLifecycleListener(callback);
    }

    void unregister() {
        try {
            connect.removeLifecycleListener(callback);
        } catch (LibvirtException e) {
            log.debug("removing lifecycle listener: {}", e.getMessage());
        }
        dispatcher.shutdown();
    }

    private void record(DomainEvent e) {
        log.debug("libvirt event {} {} ({})", e.domain(), e.kind(), e.detail());
        synchronized (history) {
            history.add(e);
            if (history.size() > 1000) {
                history.subList(0, 500).clear();
                trimmed += 500;
            }
            history.notifyAll();
        }
        dispatcher.execute(() -> {
            for (Consumer<DomainEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    log.error("event listener failed on {} {}", e.domain(), e.kind(), ex);
                }
            }
        });
    }

    public void subscribe(Consumer<DomainEvent> listener) {
        listeners.add(listener);
    }

    /** A position in the event history; {@link #await} looks at events after it. */
    public long mark() {
        synchronized (history) {
            return trimmed + history.size();
        }
    }

    /** Waits for an event after {@code mark} that matches; empty result on timeout. */
    public Optional<DomainEvent> await(long mark, Predicate<DomainEvent> match, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (history) {
            long next = Math.max(mark, trimmed);
            while (true) {
                for (; next < trimmed + history.size(); next++) {
                    DomainEvent e = history.get((int) (next - trimmed));
                    if (match.test(e)) {
                        return Optional.of(e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(history, left);
            }
        }
    }

    /** Lets listeners finish what was queued before this call (used before a short-lived CLI exits). */
    public void drain(Duration timeout) {
        try {
            dispatcher.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("event drain: {}", e.toString());
        }
    }
}
