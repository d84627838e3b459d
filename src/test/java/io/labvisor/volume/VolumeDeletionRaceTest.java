package io.labvisor.volume;

import io.labvisor.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DeleteVolume's state change is conditional, like an attach's: of the two, exactly one wins. */
class VolumeDeletionRaceTest {
    @TempDir
    Path dir;

    private static Volume available(String id) {
        return new Volume(id, 1, "gp3", id, "/pool/" + id, "available", Optional.empty(), Optional.empty(),
                Optional.empty(), false, Instant.now(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    @Test
    void anAttachAfterTheDeleteCheckMakesTheDeleteLose() {
        try (Database db = Database.open(dir.resolve("labvisor.db"))) {
            VolumeRepository volumes = new VolumeRepository(db);
            volumes.insert(available("vol-0123456789abcdef0"));
            assertEquals("available", volumes.find("vol-0123456789abcdef0").orElseThrow().state(), "delete's check");
            assertTrue(volumes.attach("vol-0123456789abcdef0", "i-0123456789abcdef0", "/dev/sdf", "vdb", Instant.now()));
            assertFalse(volumes.claimForDeletion("vol-0123456789abcdef0"));
            assertEquals("in-use", volumes.find("vol-0123456789abcdef0").orElseThrow().state());
        }
    }

    @Test
    void aClaimedVolumeCannotBeAttached() {
        try (Database db = Database.open(dir.resolve("labvisor.db"))) {
            VolumeRepository volumes = new VolumeRepository(db);
            volumes.insert(available("vol-0123456789abcdef1"));
            assertTrue(volumes.claimForDeletion("vol-0123456789abcdef1"));
            assertFalse(volumes.attach("vol-0123456789abcdef1", "i-0123456789abcdef0", "/dev/sdf", "vdb", Instant.now()));
            volumes.releaseDeletionClaim("vol-0123456789abcdef1");
            assertEquals("available", volumes.find("vol-0123456789abcdef1").orElseThrow().state());
        }
    }

    @Test
    void concurrentAttachAndDeleteNeverBothWin() throws Exception {
        try (Database a = Database.open(dir.resolve("labvisor.db")); Database b = Database.open(dir.resolve("labvisor.db"))) {
            VolumeRepository attacher = new VolumeRepository(a);
            VolumeRepository deleter = new VolumeRepository(b);
            for (int round = 0; round < 50; round++) {
                String id = "vol-%017x".formatted(round);
                attacher.insert(available(id));
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Boolean> attached = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return attacher.attach(id, "i-0123456789abcdef0", "/dev/sdf", "vdb", Instant.now());
                });
                CompletableFuture<Boolean> claimed = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return deleter.claimForDeletion(id);
                });
                assertTrue(attached.get() ^ claimed.get(), "round " + round + ": exactly one of attach and delete wins");
            }
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
