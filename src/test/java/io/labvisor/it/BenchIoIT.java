package io.labvisor.it;

import io.labvisor.bench.IoBench;
import io.labvisor.bench.Measured;
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

/**
 * A benchmark is not a test: a short run of the I/O benchmark must produce every measurement, well-formed. Two
 * profiles, because the second one is where guests once got no DHCP address (their addresses were still leased to
 * the first profile's guests) and every network figure came back empty. Not nitro: its busy-polling network card
 * takes the only card CPU of a 2-CPU test host.
 */
class BenchIoIT {
    @Test
    void aShortIoBenchmarkInTwoProfilesProducesEveryMeasurement() throws Exception {
        try (TestHost host = TestHost.create()) {
            Image ami = host.registerTinyAmi();
            IoBench.Options o = new IoBench.Options("t3.nano", List.of(IoProfile.EMULATED, IoProfile.VIRTIO), 1, 0, 1,
                    16, 1);
            StringWriter bar = new StringWriter();
            Measured m = new IoBench(host.labvisor(), ami, new Progress(new PrintWriter(bar), o.steps())).run(o);
            List<Series> series = m.series();
            assertEquals(List.of(), m.missing(), "every figure measured");
            for (String job : List.of("seq-read-1m", "seq-write-1m", "rand-read-4k-qd1", "rand-read-4k-qd32",
                    "rand-write-4k-qd1", "rand-write-4k-qd32")) {
                for (String name : List.of("host limit", "emulated", "virtio")) {
                    Series s = find(series, "disk " + job, name);
                    assertEquals(1, s.samples().size());
                    assertTrue(s.samples().get(0) > 0, s.toString());
                }
            }
            for (String group : List.of("net throughput guest to guest", "net throughput guest to namespace peer",
                    "net round trip guest to guest", "net round trip guest to namespace peer")) {
                for (String name : List.of("emulated", "virtio")) {
                    assertTrue(find(series, group, name).samples().get(0) > 0, group + " " + name);
                }
            }
            assertTrue(find(series, "host cpu during the guest benchmark", "virtio QEMU").samples().get(0) > 0);
            assertTrue(series.stream().allMatch(s -> s.command().startsWith("./labvisor bench io ")
                    || s.command().startsWith("fio ")), "every figure says how to measure it again");
            assertTrue(find(series, "net throughput guest to guest", "virtio").command()
                    .contains("--profiles virtio --parts net"), series.toString());
            assertTrue(bar.toString().contains("100%"), bar.toString());
            assertTrue(host.labvisor().instances().describe(List.of(), List.of()).stream()
                    .allMatch(i -> i.state().label().equals("terminated")), "the benchmark cleans up after itself");
        }
    }

    private static Series find(List<Series> series, String group, String name) {
        return series.stream().filter(x -> x.group().equals(group) && x.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " " + group + " missing: " + series));
    }
}
