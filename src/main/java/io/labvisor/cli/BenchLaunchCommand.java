package io.labvisor.cli;

import io.labvisor.Labvisor;
import io.labvisor.bench.HostFacts;
import io.labvisor.bench.LaunchBench;
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

    private LaunchBench.Options options() {
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
    List<Series> measure(Labvisor lv, Image ami, Progress progress) throws Exception {
        return new LaunchBench(lv, ami, progress).run(options());
    }

    @Override
    String arguments() {
        return "--instance-type " + instanceType + (ioProfile != null ? " --io-profile " + ioProfile : "")
                + " --repeat " + repeat + " --parallel " + parallel + " --growth " + growth;
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
                + "of nitro instances, and probing the disk and NIC that the floor does not have. Instances' vCPUs are "
                + "pinned to the instance CPUs (" + host.instanceCpus() + "); plain QEMU may use every CPU.");
        if (host.accel().equals("tcg")) {
            out.add("Under TCG every guest instruction is translated, so boot time is mostly CPU: launches at once share "
                    + "the instance CPUs and slow each other. Under KVM the floor is far lower and labvisor's fixed "
                    + "costs weigh more in the ratio.");
        }
    }
}
