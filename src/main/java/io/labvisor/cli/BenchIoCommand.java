package io.labvisor.cli;

import io.labvisor.Labvisor;
import io.labvisor.bench.HostFacts;
import io.labvisor.bench.IoBench;
import io.labvisor.bench.Progress;
import io.labvisor.bench.Series;
import io.labvisor.image.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

@Command(name = "io", description = "Disk and network in the emulated, virtio and nitro profiles, with the host limit.")
final class BenchIoCommand extends BenchCommand.Run {
    @Mixin
    BenchIoOptions io = new BenchIoOptions();

    @Override
    String kind() {
        return "io";
    }

    @Override
    int steps() {
        return io.options().steps();
    }

    @Override
    List<Series> measure(Labvisor lv, Image ami, Progress progress) throws Exception {
        return new IoBench(lv, ami, progress).run(io.options());
    }

    @Override
    String arguments() {
        return io.arguments();
    }

    @Override
    void ratios(List<Series> series, Map<String, Double> out) {
        ioRatios(series, out);
    }

    static void ioRatios(List<Series> series, Map<String, Double> out) {
        for (String job : Arrays.asList("rand-read-4k-qd32", "rand-write-4k-qd32", "seq-read-1m", "seq-write-1m")) {
            String group = "disk " + job;
            BenchCommand.ratio(out, job + ": nitro / emulated", BenchCommand.median(series, group, "nitro"),
                    BenchCommand.median(series, group, "emulated"));
            BenchCommand.ratio(out, job + ": nitro / host limit", BenchCommand.median(series, group, "nitro"),
                    BenchCommand.median(series, group, "host limit"));
        }
        String net = "net throughput guest to guest";
        BenchCommand.ratio(out, "TCP guest to guest: nitro / emulated", BenchCommand.median(series, net, "nitro"),
                BenchCommand.median(series, net, "emulated"));
    }

    @Override
    void notes(HostFacts host, List<String> out) {
        ioNotes(host, out);
    }

    static void ioNotes(HostFacts host, List<String> out) {
        out.add("Disk: fio with direct I/O on a file of each guest's root volume (a qcow2 overlay in every profile): "
                + "emulated = AHCI/SATA in QEMU's main loop, virtio = virtio-blk with QEMU's block layer, nitro = "
                + "virtio-blk over vhost-user served by the instance's storage card (qemu-storage-daemon, write-through "
                + "export). Random 4 KiB jobs report IOPS, sequential 1 MiB jobs MiB/s. The host limit is the same job "
                + "run on the host against a file on the volumes' filesystem.");
        out.add("Network: iperf3 (TCP) from one guest to a second guest of the same profile and to a peer in the "
                + "namespace (the subnet gateway); nitro traffic goes through each instance's network card (DPDK "
                + "testpmd), the others through QEMU's userspace virtio-net or e1000 and a tap.");
        out.add("Host CPU: user+system seconds of the measuring guest's QEMU process, and for nitro of its card "
                + "processes, over the guest's whole benchmark script. A DPDK card busy-polls: it uses its CPU whether "
                + "or not packets flow, which is why cards get CPUs of their own (" + host.cardCpus() + ").");
        if (host.accel().equals("tcg")) {
            out.add("Under TCG the guest's own CPU work (its block and network stacks, fio and iperf3 themselves) is "
                    + "translated and dominates; that flattens the differences between profiles that KVM would show, "
                    + "and the busy-polling cards share CPU " + host.cardCpus() + " with QEMU's emulator threads.");
        }
    }
}
