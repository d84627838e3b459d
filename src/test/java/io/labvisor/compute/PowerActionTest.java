package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PowerActionTest {
    private static final String ID = "i-0123456789abcdef0";

    private static Instance in(InstanceState s) {
        Instant now = Instant.now();
        return new Instance(ID, "r-0123456789abcdef0", "ami-0123456789abcdef0", "t3.micro", 0, s, null, now, now,
                1024, 2, "tcg", IoProfile.VIRTIO, "02:00:00:00:00:01", Optional.empty(), "labvisor-default", "/tmp/x");
    }

    private static void assertLegalExactlyIn(PowerAction a, Set<InstanceState> legal, String participle) {
        for (InstanceState s : InstanceState.values()) {
            if (legal.contains(s)) {
                assertDoesNotThrow(() -> a.require(in(s)), a + " from " + s);
            } else {
                Ec2Exception e = assertThrows(Ec2Exception.class, () -> a.require(in(s)), a + " from " + s);
                assertEquals(ErrorCode.INCORRECT_INSTANCE_STATE, e.code());
                assertEquals("The instance '" + ID + "' is not in a state from which it can be " + participle + ".",
                        e.getMessage());
            }
        }
    }

    @Test
    void stopActsOnRunningAndAnswersStoppedOrStoppingUnchanged() {
        assertLegalExactlyIn(PowerAction.STOP, EnumSet.of(InstanceState.RUNNING, InstanceState.STOPPING,
                InstanceState.STOPPED), "stopped");
        assertTrue(PowerAction.STOP.acts(InstanceState.RUNNING));
        assertFalse(PowerAction.STOP.acts(InstanceState.STOPPED));
        assertFalse(PowerAction.STOP.acts(InstanceState.STOPPING));
    }

    @Test
    void startOnlyFromStopped() {
        assertLegalExactlyIn(PowerAction.START, EnumSet.of(InstanceState.STOPPED), "started");
    }

    @Test
    void rebootOnlyWhileRunning() {
        assertLegalExactlyIn(PowerAction.REBOOT, EnumSet.of(InstanceState.RUNNING), "rebooted");
    }

    @Test
    void stoppedInstancesHoldNoCapacity() {
        assertFalse(InstanceState.STOPPED.holdsCapacity());
        assertTrue(InstanceState.STOPPING.holdsCapacity());
        assertTrue(InstanceState.PENDING.holdsCapacity());
    }
}
