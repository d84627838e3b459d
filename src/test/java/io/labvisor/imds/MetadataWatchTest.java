package io.labvisor.imds;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watch over real processes: whatever its {@code ensure} starts is killed and comes back; a process that keeps
 * dying is given up on. (MetadataWatchIT does the same with the metadata server itself.)
 */
class MetadataWatchTest {
    private final List<Process> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void killAll() {
        started.forEach(Process::destroyForcibly);
    }

    private long spawn(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).start();
            started.add(p);
            return p.pid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aKilledServerIsStartedAgainAndWatchedAgain() throws Exception {
        try (MetadataWatch watch = new MetadataWatch(() -> spawn("sleep", "600"))) {
            long first = watch.start();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            await(() -> watch.pid() != first && ProcessHandle.of(watch.pid()).map(ProcessHandle::isAlive).orElse(false),
                    "a new server after the first was killed");
            long second = watch.pid();
            ProcessHandle.of(second).orElseThrow().destroyForcibly();
            await(() -> watch.pid() != second && ProcessHandle.of(watch.pid()).map(ProcessHandle::isAlive).orElse(false),
                    "the restarted server is watched too");
            assertEquals(3, started.size());
            assertFalse(watch.gaveUp());
        }
    }

    @Test
    void aCrashLoopIsCutOff() throws Exception {
        MetadataWatch watch = new MetadataWatch(() -> spawn("true"));
        watch.start();
        await(watch::gaveUp, "gave up on a server that exits at once");
        assertEquals(MetadataWatch.LOOP_LIMIT + 1, started.size());
        assertNotEquals(-1, watch.pid());
        assertTrue(started.stream().noneMatch(Process::isAlive));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within a minute: " + what);
            }
            Thread.sleep(50);
        }
    }
}
