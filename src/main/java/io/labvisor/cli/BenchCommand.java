package io.labvisor.cli;

import io.labvisor.Labvisor;
import io.labvisor.bench.BenchReport;
import io.labvisor.bench.HostFacts;
import io.labvisor.bench.Measured;
import io.labvisor.bench.Progress;
import io.labvisor.bench.ReportWriter;
import io.labvisor.bench.Series;
import io.labvisor.image.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Benchmarks that write a report folder under docs/bench/; they are experiments, never tests. */
@Command(name = "bench", description = "Run a benchmark and write its report under docs/bench/<date>-<host>-<kind>/.",
        subcommands = {BenchLaunchCommand.class, BenchIoCommand.class, BenchAllCommand.class,
                BenchRenderCommand.class})
final class BenchCommand {
    @ParentCommand
    Main main;

    /** What every benchmark subcommand shares: the default AMI, host facts, progress, the report folder. */
    abstract static class Run implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--out", description = "report folder (default docs/bench/<date>-<host>-<kind>)")
        Path out;

        abstract String kind();

        abstract int steps();

        abstract Measured measure(Labvisor lv, Image ami, Progress progress) throws Exception;

        /** The options that reproduce this run, after "./labvisor bench KIND". */
        abstract String arguments();

        abstract void ratios(List<Series> series, Map<String, Double> out);

        abstract void notes(HostFacts host, List<String> out);

        /** Sanity checks on the measured figures, shown first under "Reading these numbers". */
        void checks(List<Series> series, List<String> out) {
        }

        /** What TCG does to these figures that KVM would not (the report's "What TCG distorts" section). */
        abstract void tcgDistorts(HostFacts host, List<String> out);

        @Override
        public Integer call() throws Exception {
            try (Main.Use use = bench.main.open()) {
                Labvisor lv = use.labvisor();
                var err = spec.commandLine().getErr();
                Image ami = DefaultAmi.ensure(lv, DefaultAmi.manifest(), err);
                HostFacts host = HostFacts.read(lv);
                String started = Instant.now().toString();
                Measured measured;
                // redrawn every second on a terminal, so a long guest script never looks hung
                try (Progress progress = System.console() != null ? new Progress(err, steps()).ticking()
                        : new Progress(err, steps())) {
                    measured = measure(lv, ami, progress);
                }
                List<Series> series = measured.series();
                Map<String, Double> ratios = new LinkedHashMap<>();
                ratios(series, ratios);
                List<String> notes = new ArrayList<>();
                checks(series, notes);
                notes(host, notes);
                List<String> tcg = new ArrayList<>();
                tcgDistorts(host, tcg);
                Path dir = out != null ? out : Path.of(System.getProperty("labvisor.root", "."), "docs", "bench",
                        LocalDate.now() + "-" + host.hostname() + "-" + kind());
                ReportWriter.write(new BenchReport("labvisor " + kind() + " benchmark", started,
                        "./labvisor bench " + kind() + " " + arguments(), host, series, measured.missing(), ratios,
                        notes, tcg), dir);
                measured.missing().forEach(m -> err.println("not measured: " + m.group() + " / " + m.name() + ": "
                        + m.reason()));
                spec.commandLine().getOut().println(dir.resolve("report.md"));
                return 0;
            }
        }
    }

    /** The median of the named series in a group, if it was measured. */
    static java.util.Optional<Double> median(List<Series> series, String group, String name) {
        return series.stream().filter(s -> s.group().equals(group) && s.name().equals(name)).findFirst()
                .map(s -> s.summary().median());
    }

    static void ratio(Map<String, Double> out, String label, java.util.Optional<Double> a, java.util.Optional<Double> b) {
        if (a.isPresent() && b.isPresent() && b.get() > 0) {
            out.put(label, a.get() / b.get());
        }
    }
}
