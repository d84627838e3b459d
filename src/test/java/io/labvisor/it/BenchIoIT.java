package io.labvisor.it;

import io.labvisor.bench.IoBench;
import io.labvisor.bench.Progress;
import io.labvisor.bench.Series;
import io.labvisor.compute.IoProfile;
import io.labvisor.image.Image;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A benchmark is not a test: a short run of the I/O benchmark must produce every measurement, well-formed. */
class BenchIoIT {
    @Test
    void aShortIoBenchmarkInOneProfileProducesEveryMeasurement() throws Exception {
        try (TestHost host = TestHost.create()) {
            Image ami = host.registerTinyAmi();
            IoBench.Options o = new IoBench.Options("t3.nano", List.of(IoProfile.VIRTIO), 1, 0, 1, 16, 1);
            List<Series> series = new IoBench(host.labvisor(), ami,
                    new Progress(new PrintWriter(new StringWriter()), o.steps())).run(o);
            for (String job : List.of("seq-read-1m", "seq-write-1m", "rand-read-4k-qd1", "rand-read-4k-qd32",
                    "rand-write-4k-qd1", "rand-write-4k-qd32")) {
                for (String name : List.of("host limit", "virtio")) {
                    Series s = series.stream().filter(x -> x.group().equals("disk " + job) && x.name().equals(name))
                            .findFirst().orElseThrow(() -> new AssertionError(name + " " + job + " missing: " + series));
                    assertEquals(1, s.samples().size());
                    assertTrue(s.samples().get(0) > 0, s.toString());
                }
            }
            for (String group : List.of("net throughput guest to guest", "net throughput guest to namespace peer",
                    "net round trip guest to guest")) {
                assertTrue(series.stream().anyMatch(s -> s.group().equals(group) && s.samples().get(0) > 0),
                        group + " missing: " + series);
            }
            assertTrue(series.stream().anyMatch(s -> s.name().equals("virtio QEMU") && s.samples().get(0) > 0));
            assertTrue(host.labvisor().instances().describe(List.of(), List.of()).stream()
                    .allMatch(i -> i.state().label().equals("terminated")), "the benchmark cleans up after itself");
        }
    }
}
