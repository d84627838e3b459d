package io.labvisor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a report folder: results.json and results.csv (raw samples), one PNG per chart, report.md. */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** A report as its results.json holds it, to draw its charts and Markdown again without measuring again. */
    public static BenchReport read(Path dir) throws IOException {
        return new ObjectMapper().configure(com.fasterxml.jackson.databind.DeserializationFeature
                        .FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(dir.resolve("results.json").toFile(), BenchReport.class);
    }

    public static Path write(BenchReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("results.json").toFile(), r);
        Files.writeString(dir.resolve("results.csv"), csv(r));
        List<String> charts = Charts.write(r, dir);
        Files.writeString(dir.resolve("report.md"), markdown(r, charts));
        return dir;
    }

    static String csv(BenchReport r) {
        StringBuilder s = new StringBuilder("group,name,metric,unit,x,sample\n");
        for (Series x : r.series()) {
            for (double v : x.samples()) {
                s.append(String.join(",", quote(x.group()), quote(x.name()), quote(x.metric()), quote(x.unit()),
                        Double.isNaN(x.x()) ? "" : fmt(x.x()), fmt(v))).append('\n');
            }
        }
        return s.toString();
    }

    static String markdown(BenchReport r, List<String> charts) {
        StringBuilder s = new StringBuilder("# ").append(r.title()).append("\n\n");
        s.append("Run ").append(r.startedAt()).append(" on `").append(r.host().hostname()).append("`. The whole report again:\n\n```sh\n")
                .append(r.command()).append("\n```\n\n");
        HostFacts h = r.host();
        s.append("| host | |\n|---|---|\n")
                .append("| CPU | ").append(h.cpuModel()).append(", ").append(h.cpus()).append(" CPUs |\n")
                .append("| memory | ").append(h.memoryMiB()).append(" MiB |\n")
                .append("| kernel | ").append(h.kernel()).append(" |\n")
                .append("| accelerator | ").append(h.accel()).append(" (").append(cell(h.accelReason())).append(") |\n")
                .append("| QEMU / libvirt | ").append(h.qemu()).append(" / ").append(h.libvirt()).append(" |\n")
                .append("| card CPUs (cards, QEMU emulator threads) | ").append(h.cardCpus()).append(" |\n")
                .append("| instance CPUs (guest vCPUs) | ").append(h.instanceCpus()).append(" |\n\n");
        if (!r.ratios().isEmpty()) {
            s.append("## Headline ratios\n\n| ratio | value |\n|---|---|\n");
            r.ratios().forEach((k, v) -> s.append("| ").append(k).append(" | ").append(String.format(Locale.ROOT, "%.2f", v)).append(" |\n"));
            s.append('\n');
        }
        List<String> commands = new ArrayList<>();
        s.append("## Figures (median, min–max over repetitions)\n\n")
                .append("Each row's last column names the command that measures that figure again (listed below).\n\n")
                .append("| group | condition | metric | x | median | min | max | n | unit | command |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Series x : r.series()) {
            Summary m = x.summary();
            s.append("| ").append(x.group()).append(" | ").append(x.name()).append(" | ").append(x.metric()).append(" | ")
                    .append(Double.isNaN(x.x()) ? "" : fmt(x.x())).append(" | ").append(fmt(m.median())).append(" | ")
                    .append(fmt(m.min())).append(" | ").append(fmt(m.max())).append(" | ").append(m.n()).append(" | ")
                    .append(x.unit()).append(" | ").append(commandRef(commands, x.command())).append(" |\n");
        }
        s.append('\n');
        if (!r.missing().isEmpty()) {
            s.append("## Figures that could not be measured\n\n| group | condition | why | command |\n|---|---|---|---|\n");
            for (Missing m : r.missing()) {
                s.append("| ").append(m.group()).append(" | ").append(m.name()).append(" | ").append(cell(m.reason()))
                        .append(" | ").append(commandRef(commands, m.command())).append(" |\n");
            }
            s.append('\n');
        }
        if (!commands.isEmpty()) {
            s.append("## Commands\n\n");
            for (int i = 0; i < commands.size(); i++) {
                s.append("- C").append(i + 1).append(": `").append(commands.get(i)).append("`\n");
            }
            s.append('\n');
        }
        for (String c : charts) {
            s.append("![").append(c).append("](").append(c).append(")\n\n");
        }
        if (!r.notes().isEmpty()) {
            s.append("## Reading these numbers\n\n");
            r.notes().forEach(n -> s.append("- ").append(n).append('\n'));
            s.append('\n');
        }
        if (!r.tcgDistorts().isEmpty()) {
            s.append("## What TCG distorts\n\n");
            r.tcgDistorts().forEach(n -> s.append("- ").append(n).append('\n'));
        }
        return s.toString();
    }

    /** "C3" for a command (numbered in first-seen order), "" when there is none. */
    private static String commandRef(List<String> commands, String command) {
        if (command == null || command.isBlank()) {
            return "";
        }
        int i = commands.indexOf(command);
        if (i < 0) {
            commands.add(command);
            i = commands.size() - 1;
        }
        return "C" + (i + 1);
    }

    private static String cell(String text) {
        return text.replace("|", "/").replace("\n", " ");
    }

    /** Series grouped by chart, in first-seen order. */
    static Map<String, List<Series>> byGroup(List<Series> series) {
        Map<String, List<Series>> out = new LinkedHashMap<>();
        for (Series s : series) {
            out.computeIfAbsent(s.group(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
