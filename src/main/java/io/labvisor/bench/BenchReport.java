package io.labvisor.bench;

import java.util.List;
import java.util.Map;

/**
 * A finished benchmark run: where it ran, the exact command that reproduces it, every series (each with the
 * command that measures it again), the figures that could not be measured and why, the derived ratios the report
 * headlines (e.g. labvisor launch over the plain-QEMU floor), how to read the numbers, and what TCG distorts.
 */
public record BenchReport(String title, String startedAt, String command, HostFacts host, List<Series> series,
                          List<Missing> missing, Map<String, Double> ratios, List<String> notes,
                          List<String> tcgDistorts) {
}
