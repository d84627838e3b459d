package io.labvisor.compute;

import io.labvisor.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceRepositoryTest {
    @Test
    void transitionsOnlyFromTheExpectedStates(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("state.db"))) {
            InstanceRepository repo = new InstanceRepository(db);
            Instant now = Instant.now();
            Instance i = new Instance("i-0123456789abcdef0", "r-0123456789abcdef0", "ami-0123456789abcdef0",
                    "t3.micro", 0, InstanceState.PENDING, null, now, now, 1024, 2, "tcg", IoProfile.VIRTIO,
                    "02:00:00:00:00:01", Optional.empty(), "labvisor-default", "/tmp/c.log");
            db.write(c -> InstanceRepository.insert(c, i));
            assertTrue(repo.transition(i.instanceId(), List.of(InstanceState.STOPPING), InstanceState.STOPPED, null).isEmpty());
            assertEquals(InstanceState.PENDING, repo.find(i.instanceId()).orElseThrow().state());
            assertEquals(InstanceState.RUNNING, repo.transition(i.instanceId(), List.of(InstanceState.PENDING),
                    InstanceState.RUNNING, null).orElseThrow().state());
            assertEquals(InstanceState.RUNNING, repo.find(i.instanceId()).orElseThrow().state());
        }
    }

    @Test
    void reopeningKeepsRows(@TempDir Path dir) {
        Instant now = Instant.now();
        Instance i = new Instance("i-0123456789abcdef1", "r-0123456789abcdef0", "ami-0123456789abcdef0",
                "t2.micro", 0, InstanceState.RUNNING, null, now, now, 1024, 1, "tcg", IoProfile.EMULATED,
                "02:00:00:00:00:02", Optional.of("172.31.0.5"), "labvisor-default", "/tmp/c.log");
        try (Database db = Database.open(dir.resolve("state.db"))) {
            db.write(c -> InstanceRepository.insert(c, i));
        }
        try (Database db = Database.open(dir.resolve("state.db"))) {
            Instance back = new InstanceRepository(db).find(i.instanceId()).orElseThrow();
            assertEquals(i, back.withState(back.state(), back.stateReason(), i.stateChangedAt()));
        }
    }
}
