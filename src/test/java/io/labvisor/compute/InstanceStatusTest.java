package io.labvisor.compute;

import io.labvisor.console.GuestLine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InstanceStatusTest {
    private static final Instant RUNNING_SINCE = Instant.parse("2026-11-22T06:00:00Z");

    private static List<GuestLine> lines(String... l) {
        return Stream.of(l).map(GuestLine::parse).flatMap(java.util.Optional::stream).toList();
    }

    private static Instance running() {
        return new Instance("i-0123456789abcdef0", "r-0123456789abcdef0", "ami-0123456789abcdef0", "t3.micro", 0,
                InstanceState.RUNNING, null, RUNNING_SINCE, RUNNING_SINCE, 1024, 2, "tcg", IoProfile.VIRTIO,
                "52:54:00:12:34:56", Optional.of("10.213.0.5"), "labvisor-default", "/nonexistent.log");
    }

    @Test
    void initializingUntilReady() {
        assertEquals(InstanceStatus.Check.INITIALIZING, InstanceStatus.check(lines()));
        assertEquals(InstanceStatus.Check.INITIALIZING, InstanceStatus.check(lines("LABVISOR-BOOT uptime_ms=1")));
        assertEquals(InstanceStatus.Check.OK,
                InstanceStatus.check(lines("LABVISOR-BOOT uptime_ms=1", "LABVISOR-READY uptime_ms=2")));
    }

    @Test
    void aRebootStartsTheCheckAgain() {
        assertEquals(InstanceStatus.Check.INITIALIZING, InstanceStatus.check(lines("LABVISOR-BOOT uptime_ms=1",
                "LABVISOR-READY uptime_ms=2", "LABVISOR-POWEROFF reason=acpi", "LABVISOR-BOOT uptime_ms=1")));
    }

    @Test
    void aGuestThatIsNotReadyFiveMinutesAfterEnteringRunningIsImpaired() {
        Instant deadline = RUNNING_SINCE.plus(InstanceStatus.IMPAIRED_AFTER);
        InstanceStatus early = InstanceStatus.of(running(), lines("LABVISOR-BOOT uptime_ms=1"),
                deadline.minus(Duration.ofSeconds(1)));
        assertEquals(InstanceStatus.Check.INITIALIZING, early.check());

        InstanceStatus late = InstanceStatus.of(running(), lines(), deadline);
        assertEquals(InstanceStatus.Check.IMPAIRED, late.check());
        assertEquals("failed", late.check().detail());
        assertEquals(Optional.of(deadline), late.impairedSince());
        assertEquals(InstanceStatus.Check.OK, late.systemCheck(), "the domain runs: the host side is fine");

        InstanceStatus ready = InstanceStatus.of(running(),
                lines("LABVISOR-BOOT uptime_ms=1", "LABVISOR-READY uptime_ms=2"), deadline.plusSeconds(600));
        assertEquals(InstanceStatus.Check.OK, ready.check());
        assertEquals(Optional.empty(), ready.impairedSince());
    }

    @Test
    void impairedSinceGoesOnlyWithAnImpairedCheck() {
        assertThrows(IllegalArgumentException.class,
                () -> new InstanceStatus(running(), InstanceStatus.Check.OK, Optional.of(RUNNING_SINCE)));
        assertThrows(IllegalArgumentException.class,
                () -> new InstanceStatus(running(), InstanceStatus.Check.IMPAIRED, Optional.empty()));
    }
}
