package io.labvisor.compute;

import io.labvisor.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-instance launch deadline: kept alive by its launcher, and the reconciler's rule over it. */
class LaunchLeaseTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> IDS = List.of("i-00000000000000001", "i-00000000000000002",
            "i-00000000000000003");

    @Test
    void aPendingInstanceIsGivenUpOnlyAfterItsOwnDeadlineAndNeverWhileHeld() {
        Instant deadline = T0.plus(Duration.ofMinutes(30));
        assertFalse(LaunchLease.expired(Optional.of(deadline), T0, false, deadline.minusSeconds(1)));
        assertTrue(LaunchLease.expired(Optional.of(deadline), T0, false, deadline.plusSeconds(1)));
        assertFalse(LaunchLease.expired(Optional.of(deadline), T0, true, deadline.plus(Duration.ofDays(1))),
                "an instance an operation of this process holds is never given up");
        // a row older than the deadline column counts from its last state change
        assertFalse(LaunchLease.expired(Optional.empty(), T0, false, T0.plus(LaunchLease.TERM).minusSeconds(1)));
        assertTrue(LaunchLease.expired(Optional.empty(), T0, false, T0.plus(LaunchLease.TERM).plusSeconds(1)));
    }

    @Test
    void aLongReservationKeepsEveryQueuedInstanceAliveAsItsLauncherWorks(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("state.db"))) {
            InstanceRepository repo = reserve(db);
            MutableClock clock = new MutableClock(T0);
            LaunchLease lease = new LaunchLease(repo, clock, IDS);
            // the launcher works for far longer than one term: every step pushes all three deadlines
            for (int minute = 1; minute <= 20; minute++) {
                clock.now = T0.plus(Duration.ofMinutes(minute));
                lease.renew(IDS.get(0));
                for (String id : IDS) {
                    assertFalse(LaunchLease.expired(repo.launchDeadline(id), T0, false,
                                    clock.now.plus(LaunchLease.TERM).minusSeconds(1)),
                            id + " would be given up at minute " + minute + " while its launcher lives");
                }
            }
            assertEquals(T0.plus(Duration.ofMinutes(22)), repo.launchDeadline(IDS.get(2)).orElseThrow());
        }
    }

    @Test
    void aLaunchThatStopsRenewingIsGivenUpOneTermAfterItsLastStep(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("state.db"))) {
            InstanceRepository repo = reserve(db);
            MutableClock clock = new MutableClock(T0.plus(Duration.ofMinutes(7)));
            new LaunchLease(repo, clock, IDS).renew(IDS.get(0));
            Instant deadline = repo.launchDeadline(IDS.get(1)).orElseThrow();
            assertEquals(clock.now.plus(LaunchLease.TERM), deadline);
            assertTrue(LaunchLease.expired(Optional.of(deadline), T0, false, deadline.plusSeconds(1)));
        }
    }

    @Test
    void aFinishedInstanceIsNoLongerRenewed(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("state.db"))) {
            InstanceRepository repo = reserve(db);
            MutableClock clock = new MutableClock(T0);
            LaunchLease lease = new LaunchLease(repo, clock, IDS);
            lease.finished(IDS.get(0));
            clock.now = T0.plus(Duration.ofMinutes(10));
            lease.renew(IDS.get(1));
            assertEquals(T0.plus(LaunchLease.TERM), repo.launchDeadline(IDS.get(0)).orElseThrow());
            assertEquals(clock.now.plus(LaunchLease.TERM), repo.launchDeadline(IDS.get(1)).orElseThrow());
        }
    }

    @Test
    void anInstanceTerminatedMidLaunchCancelsOnlyItsOwnLaunch(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("state.db"))) {
            InstanceRepository repo = reserve(db);
            MutableClock clock = new MutableClock(T0);
            LaunchLease lease = new LaunchLease(repo, clock, IDS);
            repo.transition(IDS.get(1), List.of(InstanceState.PENDING), InstanceState.SHUTTING_DOWN, null);
            clock.now = T0.plus(Duration.ofMinutes(5));
            lease.renew(IDS.get(0));
            assertThrows(LaunchLease.Cancelled.class, () -> lease.renew(IDS.get(1)));
            lease.renew(IDS.get(2));
            assertEquals(clock.now.plus(LaunchLease.TERM), repo.launchDeadline(IDS.get(2)).orElseThrow());
            assertTrue(repo.launchDeadline(IDS.get(1)).isEmpty(), "only pending rows have a live deadline");
        }
    }

    @Test
    void theDeadlineOutlivesAReopenOfTheState(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("state.db"))) {
            reserve(db);
        }
        try (Database db = Database.open(dir.resolve("state.db"))) {
            assertEquals(T0.plus(LaunchLease.TERM),
                    new InstanceRepository(db).launchDeadline(IDS.get(2)).orElseThrow());
        }
    }

    /** Three pending instances of one reservation, as RunInstances reserves them at {@link #T0}. */
    private static InstanceRepository reserve(Database db) {
        db.write(c -> {
            for (int k = 0; k < IDS.size(); k++) {
                InstanceRepository.insert(c, new Instance(IDS.get(k), "r-00000000000000001",
                        "ami-00000000000000001", "t3.nano", k, InstanceState.PENDING, null, T0, T0, 512, 2, "tcg",
                        IoProfile.VIRTIO, "02:00:00:00:00:0" + k, Optional.empty(), "labvisor-default",
                        "/tmp/" + IDS.get(k) + ".log"));
                InstanceRepository.setLaunchDeadline(c, IDS.get(k), LaunchLease.deadlineFrom(T0));
            }
        });
        return new InstanceRepository(db);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
