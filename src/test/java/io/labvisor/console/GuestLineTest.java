package io.labvisor.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestLineTest {
    @Test
    void parsesProtocolLinesEvenAfterKernelNoise() {
        GuestLine l = GuestLine.parse("\r[    1.2] foo LABVISOR-BOOT uptime_ms=1834 vcpus=2 memtotal_kb=1001234\r").orElseThrow();
        assertEquals("LABVISOR-BOOT", l.kind());
        assertEquals(2, l.getLong("vcpus"));
        assertEquals(1834, l.getLong("uptime_ms"));
    }

    @Test
    void kindsMayHaveSeveralWords() {
        assertEquals("LABVISOR-BENCH-DONE", GuestLine.parse("LABVISOR-BENCH-DONE").orElseThrow().kind());
        assertEquals("1", GuestLine.parse("LABVISOR-IPERF-SERVER ready x=1").orElseThrow().get("x"));
    }

    @Test
    void ignoresOtherLines() {
        assertTrue(GuestLine.parse("Linux version 6.1.0").isEmpty());
        assertTrue(GuestLine.parse("echo LABVISOR-").isEmpty());
    }

    @Test
    void consoleLogFindsLinesAndKeeps64KiB(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.log");
        Files.writeString(f, "x".repeat(70_000) + "\nLABVISOR-BOOT uptime_ms=5 vcpus=1\nLABVISOR-READY uptime_ms=9\n");
        ConsoleLog log = new ConsoleLog(f);
        assertEquals(ConsoleLog.EC2_MAX_BYTES, log.tail().length());
        assertEquals(9, log.await(GuestLine.READY, Duration.ofMillis(100)).orElseThrow().getLong("uptime_ms"));
        assertTrue(log.await("LABVISOR-NOPE", Duration.ofMillis(100)).isEmpty());
        Files.writeString(f, "LABVISOR-DEV kind=block name=vda", java.nio.file.StandardOpenOption.APPEND);
        assertTrue(log.await(GuestLine.DEV, Duration.ofMillis(100)).isEmpty(), "a line without its newline is not read yet");
        Files.writeString(f, " driver=virtio_blk\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals("virtio_blk", log.await(GuestLine.DEV, Duration.ofMillis(100)).orElseThrow().get("driver"));
    }
}
