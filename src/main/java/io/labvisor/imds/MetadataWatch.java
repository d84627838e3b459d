package io.labvisor.imds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * While labvisord (or any long-running labvisor) is up: keeps the instance metadata server running. The
 * server is otherwise only (re)started by the next launch or start; here, when the watched process exits, {@code
 * ensure} ({@link MetadataService#ensure}, under the server's lock, so several watchers start one server) runs again
 * and the new process is watched. Crash loops are cut off as the cards' are ({@code card.CardSupervisor}).
 */
public final class MetadataWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetadataWatch.class);
    static final Duration RESTART_DELAY = Duration.ofMillis(200);
    static final Duration LOOP_WINDOW = Duration.ofMinutes(1);
    static final int LOOP_LIMIT = 5;

    private final LongSupplier ensure;
    private final Deque<Long> restarts = new ArrayDeque<>();
    private volatile long pid = -1;
    private volatile boolean closed;
    private volatile boolean gaveUp;

    /** @param ensure starts the server or finds the running one; returns its pid */
    public MetadataWatch(LongSupplier ensure) {
        this.ensure = ensure;
    }

    /** Makes sure the server runs and watches it; returns its pid. */
    public synchronized long start() {
        watch(ensure.getAsLong());
        return pid;
    }

    /** The pid of the server last started or found, -1 before {@link #start}. */
    public long pid() {
        return pid;
    }

    /** Whether it stopped restarting a server that kept dying. */
    public boolean gaveUp() {
        return gaveUp;
    }

    /** Stops watching; the server keeps running (it outlives labvisor, as after a launch). */
    @Override
    public void close() {
        closed = true;
    }

    private void watch(long p) {
        pid = p;
        ProcessHandle.of(p).ifPresentOrElse(h -> io.labvisor.process.ExitWatch.onExit(h, () -> onExit(p)),
                () -> onExit(p));
    }

    private synchronized void onExit(long p) {
        if (closed || p != pid) {
            return;
        }
        long now = System.nanoTime();
        restarts.addLast(now);
        while (!restarts.isEmpty() && now - restarts.peekFirst() > LOOP_WINDOW.toNanos()) {
            restarts.removeFirst();
        }
        if (restarts.size() > LOOP_LIMIT) {
            log.error("instance metadata server died {} times within {}: not restarting it", restarts.size(),
                    LOOP_WINDOW);
            gaveUp = true;
            return;
        }
        log.warn("instance metadata server (pid {}) exited; restarting it", p);
        try {
            Thread.sleep(RESTART_DELAY.toMillis());
            watch(ensure.getAsLong());
        } catch (RuntimeException e) {
            log.error("cannot restart the instance metadata server: {}", e.getMessage());
            gaveUp = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
