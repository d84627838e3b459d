package io.labvisor.cli;

import io.labvisor.bench.Series;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BenchChecksTest {
    @Test
    void aGuestDiskFigureAboveTheHostLimitIsNamed() {
        List<Series> series = List.of(
                Series.of("disk seq-read-1m", "host limit", "throughput", "MiB/s", List.of(1000.0, 1200.0)),
                Series.of("disk seq-read-1m", "virtio", "throughput", "MiB/s", List.of(3000.0)),
                Series.of("disk seq-read-1m", "emulated", "throughput", "MiB/s", List.of(900.0)),
                Series.of("net throughput guest to guest", "virtio", "TCP throughput", "Mbit/s", List.of(5000.0)));
        List<String> out = new ArrayList<>();
        BenchIoCommand.hostLimitCheck(series, out);
        assertEquals(List.of("Check FAILED: guest disk figures above the host limit: virtio seq-read-1m "
                + "(2.73 x the host limit)."), out);
    }

    @Test
    void guestFiguresUnderTheHostLimitPass() {
        List<Series> series = List.of(
                Series.of("disk rand-read-4k-qd1", "host limit", "IOPS", "IOPS", List.of(50000.0)),
                Series.of("disk rand-read-4k-qd1", "nitro", "IOPS", "IOPS", List.of(900.0)));
        List<String> out = new ArrayList<>();
        BenchIoCommand.hostLimitCheck(series, out);
        assertEquals(List.of("Check: the host limit is above every guest disk figure (1 compared, medians)."), out);
    }
}
