package io.labvisor.control;

import io.labvisor.store.Database;
import io.labvisor.store.Intent;
import io.labvisor.store.IntentJournal;
import io.labvisor.store.IntentKind;
import io.labvisor.store.IntentRecovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay at labvisord's start: each open intent to its kind's recovery, newest first, then marked done. */
class IntentReplayTest {
    @TempDir
    Path tmp;

    private final List<String> calls = new ArrayList<>();

    private Map<IntentKind, IntentRecovery> recording() {
        Map<IntentKind, IntentRecovery> all = new EnumMap<>(IntentKind.class);
        for (IntentKind k : IntentKind.values()) {
            all.put(k, i -> {
                calls.add(i.kind() + " " + i.resources());
                return List.of(i.resources().get(0) + " recovered");
            });
        }
        return all;
    }

    @Test
    void everyOpenIntentIsRecoveredNewestFirstAndThenDone() {
        try (Database db = Database.open(tmp.resolve("labvisor.db"))) {
            IntentJournal journal = new IntentJournal(db);
            journal.begin(IntentKind.LAUNCH, List.of("i-1"), Map.of());
            journal.begin(IntentKind.CREATE_VOLUME, List.of("vol-1"), Map.of("poolVolume", "vol-1.qcow2"));
            journal.begin(IntentKind.ATTACH_VOLUME, List.of("vol-2", "i-2"), Map.of()).close(); // finished
            List<String> changed = new IntentReplay(journal, recording()).replay();
            assertEquals(List.of("CREATE_VOLUME [vol-1]", "LAUNCH [i-1]"), calls,
                    "the volume the launch was creating is undone before the launch");
            assertEquals(List.of("vol-1 recovered", "i-1 recovered"), changed);
            assertTrue(journal.open().isEmpty());
        }
    }

    @Test
    void aRecoveryThatKeepsFailingIsTriedAgainAndLeftOpenForTheNextStart() {
        try (Database db = Database.open(tmp.resolve("labvisor.db"))) {
            IntentJournal journal = new IntentJournal(db);
            journal.begin(IntentKind.STOP, List.of("i-1"), Map.of());
            journal.begin(IntentKind.DELETE_VOLUME, List.of("vol-1"), Map.of());
            Map<IntentKind, IntentRecovery> recoveries = recording();
            int[] tries = {0};
            recoveries.put(IntentKind.STOP, i -> {
                tries[0]++;
                throw new IllegalStateException("libvirt busy");
            });
            new IntentReplay(journal, recoveries, Duration.ZERO).replay();
            assertEquals(3, tries[0]);
            assertEquals(List.of(IntentKind.STOP), journal.open().stream().map(Intent::kind).toList(),
                    "the failed one stays open, the other is done");
        }
    }

    @Test
    void aRecoveryThatSucceedsOnASecondTryIsDone() {
        try (Database db = Database.open(tmp.resolve("labvisor.db"))) {
            IntentJournal journal = new IntentJournal(db);
            journal.begin(IntentKind.CREATE_SNAPSHOT, List.of("snap-1", "vol-1"), Map.of());
            Map<IntentKind, IntentRecovery> recoveries = recording();
            int[] tries = {0};
            recoveries.put(IntentKind.CREATE_SNAPSHOT, i -> {
                if (tries[0]++ == 0) {
                    throw new IllegalStateException("volume still being built");
                }
                return List.of("snap-1: partial copy removed");
            });
            assertEquals(List.of("snap-1: partial copy removed"),
                    new IntentReplay(journal, recoveries, Duration.ZERO).replay());
            assertTrue(journal.open().isEmpty());
        }
    }

    @Test
    void everyKindNeedsARecovery() {
        try (Database db = Database.open(tmp.resolve("labvisor.db"))) {
            Map<IntentKind, IntentRecovery> recoveries = recording();
            recoveries.remove(IntentKind.REGISTER_IMAGE);
            assertThrows(IllegalArgumentException.class, () -> new IntentReplay(new IntentJournal(db), recoveries));
        }
    }
}
