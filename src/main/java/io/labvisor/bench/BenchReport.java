package io.labvisor.bench;

import java.util.List;
import java.util.Map;

/**
 * A finished benchmark run: where it ran, the exact command that reproduces it, every series, and the derived
 * ratios the report headlines (e.g. labvisor launch over the plain-QEMU floor).
 */
public record BenchReport(String title, String startedAt, String command, HostFacts host, List<Series> series,
                          Map<String, Double> ratios, List<String> notes) {
}
