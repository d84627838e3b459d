package io.labvisor.compute;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstancesInFlightTest {
    private static final String ID = "i-00000000000000001";

    @Test
    void aSecondHoldOnTheSameInstanceOutlivesTheFirst() {
        InstancesInFlight inFlight = new InstancesInFlight();
        InstancesInFlight.Handle launch = inFlight.hold(List.of(ID));
        InstancesInFlight.Handle terminate = inFlight.hold(List.of(ID));
        launch.close();
        assertTrue(inFlight.contains(ID), "the terminate still holds it");
        terminate.close();
        assertFalse(inFlight.contains(ID));
    }

    @Test
    void theReconcilerGetsNoInstanceAnOperationHoldsOrLocks() {
        InstancesInFlight inFlight = new InstancesInFlight();
        try (InstancesInFlight.Handle held = inFlight.hold(List.of(ID))) {
            assertTrue(inFlight.tryExclusive(ID).isEmpty());
        }
        try (InstancesInFlight.Handle locked = inFlight.exclusive(ID)) {
            assertFalse(triedFromAnotherThread(inFlight), "a launch step holds its lock");
        }
        assertTrue(triedFromAnotherThread(inFlight), "free again");
    }

    /** Whether the reconciler's thread got the instance (and let it go again). */
    private static boolean triedFromAnotherThread(InstancesInFlight inFlight) {
        AtomicBoolean got = new AtomicBoolean();
        Thread reconciler = new Thread(() -> inFlight.tryExclusive(ID).ifPresent(h -> {
            got.set(true);
            h.close();
        }));
        reconciler.start();
        try {
            reconciler.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return got.get();
    }

    @Test
    void aTerminationWaitsForTheLaunchStepInProgress() throws Exception {
        InstancesInFlight inFlight = new InstancesInFlight();
        CountDownLatch stepBegun = new CountDownLatch(1);
        CountDownLatch stepMayEnd = new CountDownLatch(1);
        AtomicBoolean stepEnded = new AtomicBoolean();
        Thread launcher = new Thread(() -> {
            try (InstancesInFlight.Handle mine = inFlight.exclusive(ID)) {
                stepBegun.countDown();
                stepMayEnd.await();
                stepEnded.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        launcher.start();
        assertTrue(stepBegun.await(10, TimeUnit.SECONDS));
        AtomicBoolean sawStepEnded = new AtomicBoolean();
        AtomicBoolean terminated = new AtomicBoolean();
        Thread terminator = new Thread(() -> {
            try (InstancesInFlight.Handle mine = inFlight.exclusive(ID)) {
                sawStepEnded.set(stepEnded.get());
                terminated.set(true);
            }
        });
        terminator.start();
        stepMayEnd.countDown();
        launcher.join();
        terminator.join();
        assertTrue(terminated.get());
        assertTrue(sawStepEnded.get(), "the termination ran while the launch step was still going");
        assertEquals(0, inFlight.lockedOrAwaited(), "an instance's lock is forgotten once nobody wants it");
    }
}
