package io.labvisor.cli;

import io.labvisor.Labvisor;
import io.labvisor.bench.HostFacts;
import io.labvisor.bench.LaunchBench;
import io.labvisor.bench.Measured;
import io.labvisor.bench.Progress;
import io.labvisor.bench.Series;
import io.labvisor.compute.IoProfile;
import io.labvisor.image.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.Optional;

@Command(name = "launch", description = "Launch time vs plain QEMU, one at a time and at once, and its growth.")
final class BenchLaunchCommand extends BenchCommand.Run {
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

    LaunchBench.Options options() {
        return new LaunchBench.Options(instanceType, Optional.ofNullable(ioProfile).map(IoProfile::parse), repeat,
                parallel, repeat, growth);
    }

    @Override
    String kind() {
        return "launch";
    }

    @Override
    int steps() {
        return options().steps();
    }

    @Override
    Measured measure(Labvisor lv, Image ami, Progress progress) throws Exception {
        return Measured.of(new LaunchBench(lv, ami, progress).run(options()));
    }

    @Override
    String arguments() {
        return options().arguments();
    }

    @Override
    void ratios(List<Series> series, Map<String, Double> out) {
        var floor = BenchCommand.median(series, "launch", "plain QEMU (floor)");
        BenchCommand.ratio(out, "launch, one at a time / plain QEMU",
                BenchCommand.median(series, "launch", "labvisor, one at a time"), floor);
        BenchCommand.ratio(out, "launch, " + parallel + " at once / plain QEMU",
                BenchCommand.median(series, "launch", "labvisor, " + parallel + " at once"), floor);
    }

    @Override
    void notes(HostFacts host, List<String> out) {
        out.add("run-to-marker: from the RunInstances call to the guest's LABVISOR-BOOT console line; plain QEMU: "
                + "from starting qemu-system-x86_64 with the same kernel and initramfs (no libvirt, disk, NIC or cards).");
        out.add("labvisor's extra time is libvirt (domain definition, cgroups, virtlogd), the qcow2 overlay, the cards "
                + "of nitro instances, and probing the disk and NIC that the floor does not have. Both are pinned the "
                + "same way: instance vCPUs and the floor's vCPU threads on the instance CPUs (" + host.instanceCpus()
                + "), QEMU's main loop and other threads on the card CPUs (" + host.cardCpus() + ").");
        out.add("Instances use " + (ioProfile != null ? "the " + ioProfile + " I/O profile"
                : "their type's default I/O profile (nitro for Nitro-era types such as t3: storage and network cards "
                + "start before the domain)") + ".");
        out.add("Growth: launch time of one more instance and host memory in use (MemTotal - MemAvailable) with 0, "
                + "1, 2 ... instances of the same type already running and idle.");
    }

    @Override
    void tcgDistorts(HostFacts host, List<String> out) {
        if (!host.accel().equals("tcg")) {
            return;
        }
        out.add("Launch: under TCG boot time is mostly translated guest CPU work, the same in labvisor and in the "
                + "floor, so the ratio to the floor looks smaller than under KVM, where the floor boots in well under a "
                + "second and labvisor's fixed costs (libvirt, overlay, cards) weigh more in the ratio.");
        out.add("Launches at once and growth: every booting guest's translated vCPUs share the instance CPUs ("
                + host.instanceCpus() + "), so N launches at once each take longer than one alone (up to N times), "
                + "and idle guests already running still burn CPU (their timer interrupts are translated too) and "
                + "slow the next launch. On a KVM host with cores to spare launch time would stay much flatter with "
                + "the number running.");
    }
}
