package io.labvisor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labvisor.bench.HostFacts;
import io.labvisor.bench.LaunchBench;
import io.labvisor.bench.Progress;
import io.labvisor.bench.Series;
import io.labvisor.image.Image;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A benchmark is not a test: this only checks that a short run produces well-formed results, never how fast. */
class BenchLaunchIT {
    @Test
    void aShortLaunchBenchmarkProducesEveryMeasurement() throws Exception {
        try (TestHost host = TestHost.create()) {
            Image ami = host.registerTinyAmi();
            StringWriter progress = new StringWriter();
            LaunchBench.Options o = new LaunchBench.Options("t3.nano", Optional.empty(), 1, 2, 1, 1);
            List<Series> series = new LaunchBench(host.labvisor(), ami, new Progress(new PrintWriter(progress), o.steps())).run(o);
            for (String name : List.of("labvisor, one at a time", "labvisor, 2 at once", "plain QEMU (floor)")) {
                Series s = series.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                assertTrue(s.samples().stream().allMatch(v -> v > 0), name + ": " + s);
            }
            assertEquals(2, series.stream().filter(s -> s.name().equals("labvisor, 2 at once")).findFirst().orElseThrow()
                    .samples().size());
            assertEquals(2, series.stream().filter(s -> s.group().equals("growth-memory")).count(), "before and after one");
            assertTrue(progress.toString().contains("100%"), progress.toString());
            assertTrue(host.labvisor().instances().describe(List.of(), List.of()).stream()
                    .allMatch(i -> i.state().label().equals("terminated")), "the benchmark cleans up after itself");
            JsonNode facts = new ObjectMapper().valueToTree(HostFacts.read(host.labvisor()));
            assertTrue(facts.get("qemu").asText().matches("\\d+\\.\\d+\\.\\d+"), facts.toString());
        }
    }
}
