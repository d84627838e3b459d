package io.labvisor.cli;

import io.labvisor.Labvisor;
import io.labvisor.bench.HostFacts;
import io.labvisor.bench.IoBench;
import io.labvisor.bench.LaunchBench;
import io.labvisor.bench.Measured;
import io.labvisor.bench.Progress;
import io.labvisor.bench.Series;
import io.labvisor.image.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.Map;

/** The one command behind the committed report: the I/O benchmark, then the launch benchmark, one report. */
@Command(name = "all", description = "The full report: the io benchmark, then the launch benchmark, with defaults.")
final class BenchAllCommand extends BenchCommand.Run {
    @Mixin
    BenchIoOptions io = new BenchIoOptions();

    private final BenchLaunchCommand launch = defaults();

    private static BenchLaunchCommand defaults() {
        BenchLaunchCommand l = new BenchLaunchCommand();
        l.instanceType = "t3.nano";
        l.repeat = 5;
        l.parallel = 3;
        l.growth = 4;
        return l;
    }

    @Override
    String kind() {
        return "all";
    }

    @Override
    int steps() {
        return io.options().steps() + launch.steps();
    }

    @Override
    Measured measure(Labvisor lv, Image ami, Progress progress) throws Exception {
        return new IoBench(lv, ami, progress).run(io.options()).plus(launch.measure(lv, ami, progress));
    }

    /** The launch part runs with its defaults; its own command is on each of its figures. */
    @Override
    String arguments() {
        return io.arguments();
    }

    @Override
    void ratios(List<Series> series, Map<String, Double> out) {
        BenchIoCommand.ioRatios(series, out);
        launch.ratios(series, out);
    }

    @Override
    void notes(HostFacts host, List<String> out) {
        BenchIoCommand.ioNotes(host, out);
        launch.notes(host, out);
    }

    @Override
    void checks(List<Series> series, List<String> out) {
        BenchIoCommand.hostLimitCheck(series, out);
    }

    @Override
    void tcgDistorts(HostFacts host, List<String> out) {
        BenchIoCommand.ioTcgDistorts(host, out);
        launch.tcgDistorts(host, out);
    }
}
