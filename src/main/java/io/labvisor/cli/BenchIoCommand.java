package io.labvisor.cli;

import io.labvisor.Labvisor;
import io.labvisor.bench.HostFacts;
import io.labvisor.bench.IoBench;
import io.labvisor.bench.Measured;
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
    Measured measure(Labvisor lv, Image ami, Progress progress) throws Exception {
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

    @Override
    void tcgDistorts(HostFacts host, List<String> out) {
        ioTcgDistorts(host, out);
    }

    @Override
    void checks(List<Series> series, List<String> out) {
        hostLimitCheck(series, out);
    }

    /** The host limit must be above every guest disk figure (medians); says which ones are not, if any. */
    static void hostLimitCheck(List<Series> series, List<String> out) {
        List<String> above = new java.util.ArrayList<>();
        int compared = 0;
        for (Series s : series) {
            if (!s.group().startsWith("disk ") || s.name().equals("host limit")) {
                continue;
            }
            var limit = BenchCommand.median(series, s.group(), "host limit");
            if (limit.isPresent()) {
                compared++;
                if (s.summary().median() > limit.get()) {
                    above.add(s.name() + " " + s.group().substring(5) + String.format(java.util.Locale.ROOT,
                            " (%.2f x the host limit)", s.summary().median() / limit.get()));
                }
            }
        }
        if (compared > 0) {
            out.add(above.isEmpty() ? "Check: the host limit is above every guest disk figure (" + compared
                    + " compared, medians)." : "Check FAILED: guest disk figures above the host limit: "
                    + String.join(", ", above) + ".");
        }
    }

    static void ioNotes(HostFacts host, List<String> out) {
        out.add("Disk: fio inside the guest with direct I/O (no guest page cache) on a file of each guest's root "
                + "volume, a qcow2 overlay in every profile. Not a data volume: labvisor throttles every data volume to "
                + "its EBS performance capped by the instance type's EBS maximums (libvirt <iotune>, the storage card's "
                + "throttle group), which would cap all three profiles at the same EBS figure and hide the I/O paths "
                + "this compares; the root volume is the one disk served unthrottled in every profile. emulated = AHCI/SATA in QEMU's main loop, virtio = "
                + "virtio-blk with QEMU's block layer, nitro = virtio-blk over vhost-user served by the instance's storage "
                + "card (qemu-storage-daemon, write-through export). Random 4 KiB jobs report IOPS, sequential 1 MiB jobs "
                + "MiB/s, after a warm-up that is not measured.");
        out.add("Writes on nitro pay for durability: the storage card's export is write-through (every write is "
                + "flushed, qcow2 metadata included, before the guest sees it complete, so a killed card loses "
                + "nothing the guest saw complete), while QEMU's emulated and virtio disks use libvirt's default "
                + "writeback cache and acknowledge from the host page cache. Random 4 KiB writes at queue depth 1 show "
                + "it most: one flush per request, nothing to overlap it with. Queue depth 32 and 1 MiB writes hide "
                + "most of it.");
        out.add("Host limit: the same fio job run on the host against a file on the filesystem that holds the volumes, "
                + "the way the host serves a guest: through the host page cache (--direct=0), with the job's queue depth "
                + "as that many threads doing synchronous reads and writes (--ioengine=psync --numjobs=<queue depth>). "
                + "That is where every profile's guest I/O ends: the guest's O_DIRECT only skips the guest's own cache; "
                + "QEMU (emulated, virtio: libvirt's default disk cache mode) and the storage card (nitro: "
                + "cache.direct=false) read and write the volume file through the host page cache, handing the guest's "
                + "queued requests to a pool of threads (aio=threads). A guest request does all of the host job's work "
                + "plus the virtual device, the guest kernel and the exits between them, so the host figure is an upper "
                + "bound for every guest figure. (An O_DIRECT, single-thread libaio host job measures the host's own "
                + "disk instead, and guests whose data the host still cached beat it: seq-read-1m in the 2026-11-22 "
                + "report.) The check at the top of this list compares medians measured minutes apart: on a host other "
                + "work shares, a busy minute can still invert a pair.");
        out.add("Network: iperf3 (TCP) from one guest to a second guest of the same profile and to a peer in the "
                + "namespace (the subnet's gateway address, an iperf3 server inside the labvisor namespace), then ping "
                + "(10 x, 0.2 s apart) for the round trip; nitro traffic goes through each instance's network card (DPDK "
                + "testpmd), the others through QEMU's userspace virtio-net or e1000 and a tap. Each profile measures in "
                + "a subnet of its own (a fresh DHCP server). The network card's forwarding thread polls at a low "
                + "CPU weight so that QEMU always wins the card CPU: during iperf3 both guests' QEMU main loops are "
                + "busy there, so on a host with one card CPU the card forwards only in the time they leave.");
        out.add("Host CPU: user+system seconds of the measuring guest's QEMU process, and for nitro of its card "
                + "processes, over the guest's whole benchmark script. A DPDK card busy-polls: it uses its CPU whether "
                + "or not packets flow, which is why cards get CPUs of their own (" + host.cardCpus() + ").");
    }

    static void ioTcgDistorts(HostFacts host, List<String> out) {
        if (!host.accel().equals("tcg")) {
            out.add("This run used " + host.accel() + ": guest code runs natively, so the figures are not distorted by "
                    + "instruction translation.");
            return;
        }
        out.add("Every guest instruction is translated, so the guest's own CPU work (its block and network stacks, "
                + "fio and iperf3 themselves, each interrupt and virtqueue kick) dominates every disk and network "
                + "figure: guest figures sit far under the host limit (compare the ratios above), a gap KVM, which runs "
                + "guest code natively, would narrow most for virtio and nitro.");
        out.add("That flattens the differences between profiles. Under KVM the emulated profile pays a VM exit for "
                + "every AHCI/e1000 register access and is expected to fall well behind virtio, and offload (nitro) "
                + "pays off when the card has a core to itself to run the virtqueues beside the guest. Under TCG a "
                + "device register access is just more translated code, cheap next to the guest's own work, so the "
                + "profiles land closer together than on a KVM host, and their order can differ from it.");
        out.add("The busy-polling network cards and QEMU's emulator threads share the card CPUs (" + host.cardCpus()
                + ") with the storage cards, and the translated vCPUs take the instance CPUs (" + host.instanceCpus()
                + ") whole: on a " + host.cpus() + "-CPU host nitro's network figures measure how the card competes "
                + "for a CPU as much as the vhost-user data path. With KVM and spare cores the card would sit on its "
                + "own core and the guest would spend its time in the network stack, not in translation.");
        out.add("Sequential 1 MiB throughput is the least distorted figure (few, large requests: the translated "
                + "per-request cost is paid rarely); random 4 KiB at queue depth 1 is the most (the translated "
                + "per-request path is all there is).");
    }

}
