package io.labvisor.cli;

import io.labvisor.Labvisor;
import io.labvisor.bench.BenchReport;
import io.labvisor.bench.HostFacts;
import io.labvisor.bench.LaunchBench;
import io.labvisor.bench.Progress;
import io.labvisor.bench.ReportWriter;
import io.labvisor.bench.Series;
import io.labvisor.compute.IoProfile;
import io.labvisor.image.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Benchmarks that write a report folder under docs/bench/; they are experiments, never tests. */
@Command(name = "bench", description = "Run a benchmark and write its report under docs/bench/<date>-<host>/.",
        subcommands = {BenchCommand.Launch.class})
final class BenchCommand {
    @ParentCommand
    Main main;

    @Command(name = "launch", description = "Launch time vs plain QEMU, sequential and parallel, and its growth.")
    static final class Launch implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--instance-type", defaultValue = "t3.nano")
        String instanceType;

        @Option(names = "--io-profile", description = "default: the type's")
        String ioProfile;

        @Option(names = "--repeat", defaultValue = "5", description = "sequential launches and plain QEMU boots")
        int repeat;

        @Option(names = "--parallel", defaultValue = "3")
        int parallel;

        @Option(names = "--growth", defaultValue = "4", description = "instances to keep adding")
        int growth;

        @Option(names = "--out", description = "report folder (default docs/bench/<date>-<host>-launch)")
        Path out;

        @Override
        public Integer call() throws Exception {
            Main main = bench.main;
            try (Labvisor lv = main.open()) {
                var err = spec.commandLine().getErr();
                Image ami = DefaultAmi.ensure(lv, DefaultAmi.manifest(), err);
                LaunchBench.Options o = new LaunchBench.Options(instanceType,
                        Optional.ofNullable(ioProfile).map(IoProfile::parse), repeat, parallel, repeat, growth);
                HostFacts host = HostFacts.read(lv);
                String started = Instant.now().toString();
                List<Series> series = new LaunchBench(lv, ami, new Progress(err, o.steps())).run(o);
                Map<String, Double> ratios = new LinkedHashMap<>();
                double floor = median(series, "plain QEMU (floor)");
                ratios.put("labvisor one at a time / plain QEMU", median(series, "labvisor, one at a time") / floor);
                ratios.put("labvisor " + parallel + " at once / plain QEMU", median(series, "labvisor, " + parallel + " at once") / floor);
                List<String> notes = new ArrayList<>(List.of(
                        "run-to-marker: from the RunInstances call to the guest's LABVISOR-BOOT console line; plain QEMU: "
                                + "from starting qemu-system-x86_64 with the same kernel and initramfs (no libvirt, disk, NIC or cards).",
                        "labvisor's extra time is libvirt (domain definition, cgroups, virtlogd), the qcow2 overlay, the "
                                + "storage card for nitro instances, and device probing of the disk and NIC the floor does not have."));
                if (host.accel().equals("tcg")) {
                    notes.add("Under TCG every guest instruction is translated: boot time is dominated by CPU, so launches "
                            + "at once share the instance CPUs and slow each other; under KVM the floor is far lower and "
                            + "labvisor's fixed costs weigh more in the ratio.");
                }
                String command = "./labvisor bench launch --instance-type " + instanceType
                        + (ioProfile != null ? " --io-profile " + ioProfile : "") + " --repeat " + repeat
                        + " --parallel " + parallel + " --growth " + growth;
                Path dir = out != null ? out : Path.of(System.getProperty("labvisor.root", "."), "docs", "bench",
                        LocalDate.now() + "-" + host.hostname() + "-launch");
                ReportWriter.write(new BenchReport("labvisor launch benchmark", started, command, host, series, ratios,
                        notes), dir);
                spec.commandLine().getOut().println(dir.resolve("report.md"));
                return 0;
            }
        }

        private static double median(List<Series> series, String name) {
            return series.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().summary().median();
        }
    }
}
