package io.labvisor.card;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each wanted card of one kind (storage or network) running: {@link #ensure} adopts a card that is already
 * up (started by an earlier labvisor process) or starts it, never a second one; while this labvisor runs, a card
 * that dies is started again, so QEMU's vhost-user reconnect finds a listener. Crash loops are cut off.
 */
public final class CardSupervisor<S extends CardSpec> {
    private static final Logger log = LoggerFactory.getLogger(CardSupervisor.class);
    private static final Duration RESTART_DELAY = Duration.ofMillis(200);
    private static final Duration LOOP_WINDOW = Duration.ofMinutes(1);
    private static final int LOOP_LIMIT = 5;

    private final String kind;
    private final CardProcesses<S> processes;
    private final CardLayout layout;
    private final Map<String, Watched<S>> watched = new ConcurrentHashMap<>();

    private static final class Watched<S> {
        /** Replaced by each ensure: a restart starts the card as last wanted (e.g. with a newly attached volume). */
        volatile S spec;
        volatile long pid;
        final Deque<Long> restarts = new ArrayDeque<>();

        Watched(S spec) {
            this.spec = spec;
        }
    }

    /** {@code kind} names the cards in logs: "storage card", "network card". */
    public CardSupervisor(String kind, CardProcesses<S> processes, CardLayout layout) {
        this.kind = kind;
        this.processes = processes;
        this.layout = layout;
    }

    public CardLayout layout() {
        return layout;
    }

    /** Makes sure the card of {@code spec} runs and is watched; returns its pid. */
    public synchronized long ensure(S spec) {
        markWanted(spec.instanceId(), true);
        Watched<S> w = watched.computeIfAbsent(spec.instanceId(), id -> new Watched<>(spec));
        w.spec = spec;
        ProcessHandle p = findOrStart(w);
        watch(w, p);
        return p.pid();
    }

    /**
     * Under the card's lock file, so two labvisor processes whose watchers both see a card die start only one
     * new card: the second finds and adopts the first one's.
     */
    private ProcessHandle findOrStart(Watched<S> w) {
        S spec = w.spec;
        return CardLock.with(layout.lockFile(spec.instanceId()), () -> {
            ProcessHandle p = processes.find(spec).orElse(null);
            if (p == null) {
                return processes.start(spec);
            }
            if (w.pid != p.pid()) {
                log.info("adopted the running {} of {} (pid {})", kind, spec.instanceId(), p.pid());
            }
            return p;
        });
    }

    /** The pid of the instance's card, if it runs. */
    public java.util.Optional<Long> pid(S spec) {
        return processes.find(spec).map(ProcessHandle::pid);
    }

    /** Stops the card for good: it is not restarted afterwards. */
    public synchronized void stop(String instanceId) {
        watched.remove(instanceId);
        markWanted(instanceId, false);
        processes.stop(instanceId, layout);
        try {
            Files.deleteIfExists(layout.lockFile(instanceId));
        } catch (java.io.IOException e) {
            log.debug("cannot remove {}: {}", layout.lockFile(instanceId), e.getMessage());
        }
    }

    /**
     * Stops watching, leaving every card running: cards outlive the labvisor process (the CLI exits after each
     * command); the next labvisor's reconciliation adopts them.
     */
    public synchronized void release() {
        watched.clear();
    }

    /** Stops the cards in this state directory that belong to none of {@code wanted}; returns their instances. */
    public synchronized Set<String> stopOthers(Set<String> wanted) {
        Set<String> stopped = new java.util.TreeSet<>();
        Path dir = layout.stateDir();
        if (!Files.isDirectory(dir)) {
            return stopped;
        }
        try (var files = Files.list(dir)) {
            Set<String> ids = new java.util.TreeSet<>();
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.endsWith(".pid") || name.endsWith(".wanted"))) {
                    ids.add(name.substring(0, name.lastIndexOf('.')));
                }
            }
            for (String id : ids) {
                if (!wanted.contains(id)) {
                    stop(id);
                    stopped.add(id);
                }
            }
        } catch (java.io.IOException e) {
            log.warn("cannot list {}s in {}: {}", kind, dir, e.getMessage());
        }
        return stopped;
    }

    private void markWanted(String instanceId, boolean wanted) {
        Path file = layout.wantedFile(instanceId);
        try {
            if (wanted) {
                Files.createDirectories(file.getParent());
                if (!Files.exists(file)) {
                    Files.createFile(file);
                }
            } else {
                Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot mark the " + kind + " of " + instanceId, e);
        }
    }

    private void watch(Watched<S> w, ProcessHandle p) {
        if (w.pid == p.pid()) {
            return;
        }
        w.pid = p.pid();
        io.labvisor.process.ExitWatch.onExit(p, () -> onExit(w, p.pid()));
    }

    private synchronized void onExit(Watched<S> w, long pid) {
        if (watched.get(w.spec.instanceId()) != w || w.pid != pid) {
            return; // stopped on purpose, or already replaced
        }
        if (!Files.exists(layout.wantedFile(w.spec.instanceId()))) {
            watched.remove(w.spec.instanceId()); // stopped by another labvisor process
            return;
        }
        long now = System.nanoTime();
        w.restarts.addLast(now);
        while (!w.restarts.isEmpty() && now - w.restarts.peekFirst() > LOOP_WINDOW.toNanos()) {
            w.restarts.removeFirst();
        }
        if (w.restarts.size() > LOOP_LIMIT) {
            log.error("{} of {} died {} times within {}: not restarting it (log {})", kind,
                    w.spec.instanceId(), w.restarts.size(), LOOP_WINDOW, w.spec.logFile());
            watched.remove(w.spec.instanceId());
            return;
        }
        log.warn("{} of {} (pid {}) exited; restarting it", kind, w.spec.instanceId(), pid);
        try {
            Thread.sleep(RESTART_DELAY.toMillis());
            watch(w, findOrStart(w));
        } catch (RuntimeException e) {
            log.error("cannot restart the {} of {}: {}", kind, w.spec.instanceId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
