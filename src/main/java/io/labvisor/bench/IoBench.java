package io.labvisor.bench;

import io.labvisor.Labvisor;
import io.labvisor.compute.Instance;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.explain.ProcTasks;
import io.labvisor.image.Image;
import io.labvisor.net.Cidr;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Offloaded against emulated I/O: the same instance type in each I/O profile runs the same fio jobs on a file of
 * its root volume (direct I/O), iperf3 to a second guest of the same profile and to a peer in the namespace, and
 * ping for round-trip time. The host runs the same fio jobs on the volumes' filesystem: the limit. Host CPU time
 * of QEMU and of the cards is recorded for each profile, because offload moves work rather than removing it.
 */
public final class IoBench {
    /** Guest results arrive on the console; a slow TCG guest may need minutes for the whole script. */
    private static final Duration SCRIPT_DEADLINE = Duration.ofMinutes(20);
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(5);
    private static final String GUEST_FILE = "/fio.dat";
    private static final String BENCH_VPC = "10.254.0.0/16";
    private static final String BENCH_SUBNET = "10.254.1.0/24";

    /** What to run; sizes in MiB, times in seconds. */
    public record Options(String instanceType, List<IoProfile> profiles, int repetitions, int rampSeconds,
                          int runSeconds, int sizeMiB, int iperfSeconds) {
        public int steps() {
            return 1 + profiles.size();
        }
    }

    private final Labvisor lv;
    private final Image ami;
    private final Progress progress;

    public IoBench(Labvisor lv, Image ami, Progress progress) {
        this.lv = lv;
        this.ami = ami;
        this.progress = progress;
    }

    public List<Series> run(Options o) throws Exception {
        List<Series> out = new ArrayList<>(hostLimit(o));
        progress.step("host limit (fio on the host)");
        // A VPC of its own: its subnet's static DHCP gives each guest its allocated address (which its security
        // group filter expects), and its gateway in the namespace is the peer.
        Vpc vpc = lv.vpcs().createVpc(BENCH_VPC);
        try {
            Subnet subnet = lv.vpcs().createSubnet(vpc.vpcId(), BENCH_SUBNET);
            try (NamespacePeer peer = NamespacePeer.start(lv.config().netns(), Cidr.format(subnet.cidr().gateway()))) {
                for (IoProfile profile : o.profiles()) {
                    out.addAll(profile(o, profile, subnet.subnetId(), peer.address()));
                    progress.step(profile.label() + " done");
                }
            } finally {
                lv.vpcs().deleteSubnet(subnet.subnetId());
            }
        } finally {
            lv.securityGroups().deleteVpc(vpc.vpcId());
        }
        return out;
    }

    private List<Series> hostLimit(Options o) throws Exception {
        Map<FioJob, List<Double>> samples = new LinkedHashMap<>();
        for (int rep = 0; rep < o.repetitions(); rep++) {
            for (FioJob job : FioJob.STANDARD) {
                FioTerse r = HostLimit.run(job, lv.config().poolPath().resolve("labvisor-bench-host.dat"), o.sizeMiB(),
                        o.rampSeconds(), o.runSeconds());
                samples.computeIfAbsent(job, j -> new ArrayList<>()).add(metric(job, r));
            }
        }
        List<Series> out = new ArrayList<>();
        samples.forEach((job, values) -> out.add(Series.of("disk " + job.name(), "host limit", metricName(job),
                unit(job), values)));
        return out;
    }

    private List<Series> profile(Options o, IoProfile profile, String subnetId, String namespacePeer)
            throws Exception {
        List<Instance> launched = new ArrayList<>();
        try {
            Instance server = launch(o, profile, subnetId, GuestBenchScript.iperfServer());
            launched.add(server);
            new ConsoleLog(Path.of(server.consoleLog())).await("LABVISOR-IPERF-SERVER", BOOT_DEADLINE)
                    .orElseThrow(() -> new IllegalStateException(server.instanceId() + ": iperf3 server did not start"));
            String serverIp = lv.instances().require(server.instanceId()).privateIp()
                    .or(() -> leasedAddress(server)).orElseThrow();
            String script = GuestBenchScript.client(new GuestBenchScript.Disk(FioJob.STANDARD, o.repetitions(),
                    GUEST_FILE, o.sizeMiB(), o.rampSeconds(), o.runSeconds()), List.of(serverIp, namespacePeer),
                    o.iperfSeconds());
            Instance client = launch(o, profile, subnetId, script);
            launched.add(client);
            ConsoleLog console = new ConsoleLog(Path.of(client.consoleLog()));
            // user data runs before the init's READY line: sample when the script says it starts
            console.await("LABVISOR-BENCH-START", BOOT_DEADLINE).orElseThrow(() -> new IllegalStateException(
                    client.instanceId() + " (" + profile.label() + ") did not start its benchmark script"));
            CpuSample before = CpuSample.of(client.instanceId());
            console.await("LABVISOR-BENCH-DONE", SCRIPT_DEADLINE).orElseThrow(() -> new IllegalStateException(
                    client.instanceId() + " (" + profile.label() + ") did not finish its benchmark script"));
            CpuSample after = CpuSample.of(client.instanceId());
            return results(profile, console.lines(), serverIp, namespacePeer, before, after);
        } finally {
            if (!launched.isEmpty()) {
                lv.instances().terminate(launched.stream().map(Instance::instanceId).toList());
            }
        }
    }

    private List<Series> results(IoProfile profile, List<GuestLine> lines, String guestPeer, String namespacePeer,
                                 CpuSample before, CpuSample after) {
        String name = profile.label();
        List<Series> out = new ArrayList<>();
        for (FioJob job : FioJob.STANDARD) {
            List<Double> values = lines.stream().filter(l -> l.kind().equals("LABVISOR-FIO"))
                    .map(l -> l.fields().get("terse")).filter(t -> t != null && t.startsWith("3;"))
                    .map(FioTerse::parse).filter(t -> t.job().equals(job.name()))
                    .map(t -> metric(job, t)).toList();
            if (!values.isEmpty()) {
                out.add(Series.of("disk " + job.name(), name, metricName(job), unit(job), values));
            }
        }
        network(lines, "LABVISOR-IPERF", "mbps", guestPeer).ifPresent(v ->
                out.add(Series.of("net throughput guest to guest", name, "TCP throughput", "Mbit/s", List.of(v))));
        network(lines, "LABVISOR-IPERF", "mbps", namespacePeer).ifPresent(v ->
                out.add(Series.of("net throughput guest to namespace peer", name, "TCP throughput", "Mbit/s", List.of(v))));
        network(lines, "LABVISOR-RTT", "avg_ms", guestPeer).ifPresent(v ->
                out.add(Series.of("net round trip guest to guest", name, "ping RTT", "ms", List.of(v))));
        out.add(Series.of("host cpu during the guest benchmark", name + " QEMU", "CPU time", "s",
                List.of(after.qemuSeconds() - before.qemuSeconds())));
        if (profile == IoProfile.NITRO) {
            out.add(Series.of("host cpu during the guest benchmark", name + " cards", "CPU time", "s",
                    List.of(after.cardSeconds() - before.cardSeconds())));
        }
        return out;
    }

    private static Optional<Double> network(List<GuestLine> lines, String kind, String field, String peer) {
        return lines.stream().filter(l -> l.kind().equals(kind) && peer.equals(l.fields().get("peer")))
                .map(l -> l.fields().get(field)).filter(v -> v != null && !v.isBlank())
                .map(Double::parseDouble).findFirst();
    }

    private Optional<String> leasedAddress(Instance i) {
        return new ConsoleLog(Path.of(i.consoleLog())).lines().stream()
                .filter(l -> l.kind().equals("LABVISOR-NET")).map(l -> l.fields().getOrDefault("ipv4", "none"))
                .filter(v -> !v.equals("none")).map(v -> v.split("/")[0]).findFirst();
    }

    private Instance launch(Options o, IoProfile profile, String subnetId, String userData) {
        return lv.instances().run(RunRequest.of(ami.imageId(), o.instanceType(), 1).withIoProfile(profile)
                .withSubnet(subnetId).withUserData(userData)).instances().get(0);
    }

    /** Random 4 KiB jobs are about IOPS, sequential 1 MiB jobs about throughput. */
    static double metric(FioJob job, FioTerse r) {
        return job.blockSize().equals("4k") ? r.iops(job.reads()) : r.mibPerSecond(job.reads());
    }

    static String metricName(FioJob job) {
        return job.blockSize().equals("4k") ? "IOPS" : "throughput";
    }

    static String unit(FioJob job) {
        return job.blockSize().equals("4k") ? "IOPS" : "MiB/s";
    }

    /** Host CPU seconds of an instance's QEMU and of its card processes. */
    record CpuSample(double qemuSeconds, double cardSeconds) {
        static CpuSample of(String instanceId) {
            ProcTasks proc = ProcTasks.host();
            double qemu = 0;
            double cards = 0;
            for (int pid : proc.processesMentioning(instanceId)) {
                String argv0 = proc.cmdline(pid).stream().findFirst().orElse("");
                if (argv0.contains("qemu-system")) {
                    qemu += ProcCpu.seconds(pid);
                } else if (argv0.contains("qemu-storage-daemon") || argv0.contains("testpmd")) {
                    cards += ProcCpu.seconds(pid);
                }
            }
            return new CpuSample(qemu, cards);
        }
    }
}
