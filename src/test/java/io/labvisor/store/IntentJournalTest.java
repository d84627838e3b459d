package io.labvisor.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The intent journal survives a reopen (a kill), forgets what ended, and goes with the transaction it is in. */
class IntentJournalTest {
    @TempDir
    Path tmp;

    @Test
    void anIntentNotMarkedDoneIsStillOpenAfterTheDatabaseIsOpenedAgain() {
        Path file = tmp.resolve("labvisor.db");
        try (Database db = Database.open(file)) {
            new IntentJournal(db).begin(IntentKind.CREATE_SNAPSHOT, List.of("snap-1", "vol-1"),
                    Map.of("poolVolume", "snap-1.qcow2")); // never closed: the process died here
        }
        try (Database db = Database.open(file)) {
            List<Intent> open = new IntentJournal(db).open();
            assertEquals(1, open.size());
            Intent i = open.get(0);
            assertEquals(IntentKind.CREATE_SNAPSHOT, i.kind());
            assertEquals(List.of("snap-1", "vol-1"), i.resources());
            assertEquals("snap-1.qcow2", i.detail().get("poolVolume"));
        }
    }

    @Test
    void closingAnEntryMarksItDoneAndLeavesTheOthersOpenOldestFirst() {
        try (Database db = Database.open(tmp.resolve("labvisor.db"))) {
            IntentJournal journal = new IntentJournal(db);
            IntentJournal.Entry first = journal.begin(IntentKind.STOP, List.of("i-1"), Map.of());
            try (IntentJournal.Entry done = journal.begin(IntentKind.TERMINATE, List.of("i-2"), Map.of())) {
                assertEquals(2, journal.open().size());
            }
            journal.begin(IntentKind.START, List.of("i-3"), Map.of());
            assertEquals(List.of(IntentKind.STOP, IntentKind.START), journal.open().stream().map(Intent::kind)
                    .toList());
            first.close();
            assertEquals(List.of("i-3"), journal.open().get(0).resources());
        }
    }

    @Test
    void anIntentRecordedInATransactionThatRollsBackWasNeverRecorded() {
        try (Database db = Database.open(tmp.resolve("labvisor.db"))) {
            IntentJournal journal = new IntentJournal(db);
            assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
                IntentJournal.record(c, IntentKind.LAUNCH, List.of("i-1"), Map.of());
                throw new IllegalStateException("capacity");
            }));
            assertTrue(journal.open().isEmpty());
            long id = db.inTransaction(c -> IntentJournal.record(c, IntentKind.LAUNCH, List.of("i-2"), Map.of()));
            assertEquals(id, journal.open().get(0).id());
            journal.entry(id).close();
            assertTrue(journal.open().isEmpty());
        }
    }

    @Test
    void aListDetailReadsBackAsItsItems() {
        Intent i = new Intent(1, IntentKind.CREATE_IMAGE, List.of("ami-1"),
                Map.of("volumes", "ami-1.kernel,ami-1.root.qcow2"), java.time.Instant.EPOCH);
        assertEquals(List.of("ami-1.kernel", "ami-1.root.qcow2"), i.list("volumes"));
        assertEquals(List.of(), i.list("staging"));
    }
}
