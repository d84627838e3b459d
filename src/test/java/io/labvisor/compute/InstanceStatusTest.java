package io.labvisor.compute;

import io.labvisor.console.GuestLine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstanceStatusTest {
    private static List<GuestLine> lines(String... l) {
        return Stream.of(l).map(GuestLine::parse).flatMap(java.util.Optional::stream).toList();
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
}
