package io.labvisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    private static final HostFacts HOST = new HostFacts("lab", "AMD EPYC", 2, 24000, "6.1", "tcg", "probe failed",
            "10.0.2", "11.3.0", "0", "1");

    @Test
    void summaryIsMedianMinMax() {
        assertEquals(new Summary(3, 1, 10, 5), Summary.of(List.of(10.0, 1.0, 3.0, 2.0, 4.0)));
        assertEquals(2.5, Summary.of(List.of(1.0, 2.0, 3.0, 4.0)).median());
    }

    @Test
    void writesJsonCsvChartsAndMarkdownWithTheReproducingCommand(@TempDir Path dir) throws Exception {
        BenchReport r = new BenchReport("test", "2026-01-01T00:00:00Z", "./labvisor bench launch --repeat 3", HOST,
                List.of(Series.of("launch", "labvisor, one at a time", "run-to-marker", "ms", List.of(5000.0, 5200.0, 4900.0)),
                        Series.of("launch", "plain QEMU (floor)", "run-to-marker", "ms", List.of(3900.0, 4000.0, 3950.0)),
                        new Series("growth-memory", "host memory in use", "memory", "MiB", 0, List.of(1000.0)),
                        new Series("growth-memory", "host memory in use", "memory", "MiB", 1, List.of(1400.0)))
                        .stream().map(s -> s.withCommand("./labvisor bench launch --repeat 3")).toList(),
                List.of(new Missing("net throughput guest to guest", "nitro", "iperf3: error - unable to connect | no route",
                        "./labvisor bench io --profiles nitro --parts net")),
                Map.of("labvisor / floor", 5000.0 / 3950.0), List.of("a note"), List.of("TCG translates everything"));
        ReportWriter.write(r, dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(4, json.get("series").size());
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals("group,name,metric,unit,x,sample", csv.get(0));
        assertEquals(1 + 3 + 3 + 2, csv.size());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("./labvisor bench launch --repeat 3"), md);
        assertTrue(md.contains("| launch | labvisor, one at a time | run-to-marker |  | 5000 | 4900 | 5200 | 3 | ms | C1 |"), md);
        assertTrue(md.contains("- C1: `./labvisor bench launch --repeat 3`"), md);
        // a figure that could not be measured says why, with the command that tries again
        assertTrue(md.contains("| net throughput guest to guest | nitro | iperf3: error - unable to connect / no route | C2 |"), md);
        assertTrue(md.contains("- C2: `./labvisor bench io --profiles nitro --parts net`"), md);
        assertTrue(md.contains("## What TCG distorts\n\n- TCG translates everything"), md);
        assertEquals("./labvisor bench launch --repeat 3", json.get("series").get(0).get("command").asText());
        assertTrue(md.contains("| labvisor / floor | 1.27 |"), md);
        for (String png : List.of("launch.png", "growth-memory.png")) {
            byte[] head = Files.readAllBytes(dir.resolve(png));
            assertEquals((byte) 0x89, head[0], png + " is a PNG");
            assertEquals('P', head[1]);
        }

        // results.json holds the whole report: rendering it again gives the same Markdown
        BenchReport reread = ReportWriter.read(dir);
        assertEquals(r, reread);
        ReportWriter.write(reread, dir);
        assertEquals(md, Files.readString(dir.resolve("report.md")));
    }

    @Test
    void barsFarApartGetALogScale(@TempDir Path dir) throws Exception {
        Series host = Series.of("disk", "host limit", "IOPS", "IOPS", List.of(200000.0));
        Series guest = Series.of("disk", "nitro", "IOPS", "IOPS", List.of(4000.0, 4500.0, 12000.0));
        Series other = Series.of("disk", "virtio", "IOPS", "IOPS", List.of(2000.0));
        assertTrue(Charts.logScale(List.of(host, guest, other)));
        assertEquals(false, Charts.logScale(List.of(guest, other)));
        // a min-max wider than the median must not push a bar below zero on the log axis
        assertEquals(List.of("disk.png"), Charts.write(new BenchReport("t", "now", "cmd", HOST,
                List.of(host, guest, other), List.of(), Map.of(), List.of(), List.of()), dir));
    }
}
