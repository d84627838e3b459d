package io.labvisor.virt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
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
 * {@link DomainEvents} as a history plus a fan-out: {@link #record} only appends the event and hands it to a single
 * dispatcher thread, so listeners may call libvirt or the database without stalling whoever recorded it (libvirt's
 * event loop, for {@link LibvirtSession}).
 */
public final class DomainEventLog implements DomainEvents {
    private static final Logger log = LoggerFactory.getLogger(DomainEventLog.class);
    private final List<Consumer<DomainEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<DomainEvent> history = new ArrayList<>();
    private long trimmed; // events dropped from the front of history; marks count from the very first event
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "domain-events");
        t.setDaemon(true);
        return t;
    });

    /** Stops the dispatcher; call it once nothing records any more (the libvirt listener is removed). */
    public void close() {
        dispatcher.shutdown();
    }

    /** Appends the event and queues it for every listener. */
    public void record(DomainEvent e) {
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

    @Override
    public void subscribe(Consumer<DomainEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public long mark() {
        synchronized (history) {
            return trimmed + history.size();
        }
    }

    @Override
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

    @Override
    public void drain(Duration timeout) {
        try {
            dispatcher.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("event drain: {}", e.toString());
        }
    }
}
