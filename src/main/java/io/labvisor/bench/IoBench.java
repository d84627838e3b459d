package io.labvisor.bench;

import io.labvisor.Labvisor;
import io.labvisor.compute.Instance;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.explain.ProcTasks;
import io.labvisor.image.Image;
import io.labvisor.net.Cidr;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Offloaded against emulated I/O: the same instance type in each I/O profile runs the same fio jobs on a file of
 * its root volume (direct I/O; the root volume because data volumes are throttled to their EBS figures, which
 * would measure the throttle, not the I/O path), iperf3 to a second guest of the same profile and to a peer in the namespace, and
 * ping for round-trip time. The host runs the same fio jobs on the volumes' filesystem: the limit. Host CPU time
 * of QEMU and of the cards is recorded for each profile, because offload moves work rather than removing it.
 * <p>
 * Each profile measures in a subnet of its own: a fresh libvirt network, so its DHCP server holds no lease of an
 * earlier profile's guest on the address labvisor hands out again (dnsmasq does not offer an address still leased
 * to another MAC; the 2026-11-22 report lost the virtio and nitro network figures that way). A figure that cannot
 * be measured is reported as missing with the reason, and the other figures go on.
 */
public final class IoBench {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IoBench.class);
    /** For a guest's script to start once it booted; a slow TCG guest on a busy host may need minutes. */
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(5);
    /** For the boot marker: ~6 s alone, a minute on a busy host; a guest still silent after this has hung. */
    private static final Duration MARKER_DEADLINE = Duration.ofMinutes(3);
    private static final String GUEST_FILE = "/fio.dat";
    /** VPC blocks tried in turn: another labvisor state (a test) may already route one in the namespace. */
    private static final int[] VPC_OCTETS = {254, 253, 252, 251, 250};
    private static final List<String> PEER_KINDS = List.of("guest", "namespace peer");

    /** The benchmark's two halves; {@code --parts} picks them. */
    public enum Part {
        DISK, NET;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Part parse(String value) {
            for (Part p : values()) {
                if (p.label().equals(value)) {
                    return p;
                }
            }
            throw Ec2Exception.invalidParameter("Invalid value '" + value + "' for parts: use disk, net or both");
        }
    }

    /** What to run; sizes in MiB, times in seconds. */
    public record Options(String instanceType, List<IoProfile> profiles, int repetitions, int rampSeconds,
                          int runSeconds, int sizeMiB, int iperfSeconds, Set<Part> parts) {
        public Options {
            profiles = List.copyOf(profiles);
            parts = parts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(parts));
            if (parts.isEmpty()) {
                throw Ec2Exception.invalidParameter("parts: name at least one of disk, net");
            }
            if (repetitions < 1 || runSeconds < 1 || rampSeconds < 0 || sizeMiB < 1 || iperfSeconds < 1) {
                throw Ec2Exception.invalidParameter("repeat, runtime, size and iperf must be at least 1, ramp at least 0");
            }
        }

        public Options(String instanceType, List<IoProfile> profiles, int repetitions, int rampSeconds, int runSeconds,
                       int sizeMiB, int iperfSeconds) {
            this(instanceType, profiles, repetitions, rampSeconds, runSeconds, sizeMiB, iperfSeconds,
                    EnumSet.allOf(Part.class));
        }

        boolean disk() {
            return parts.contains(Part.DISK);
        }

        boolean net() {
            return parts.contains(Part.NET);
        }

        int fioRuns() {
            return disk() ? repetitions * FioJob.STANDARD.size() : 0;
        }

        /** Result lines the measuring guest prints: fio runs, then iperf3 and ping per peer and repetition. */
        int guestResults() {
            return fioRuns() + (net() ? 2 * PEER_KINDS.size() * repetitions : 0);
        }

        /** Progress steps of one profile: the server guest, the client's start, each result, the end. */
        int profileSteps() {
            return (net() ? 1 : 0) + 1 + guestResults() + 1;
        }

        public int steps() {
            return fioRuns() + profiles.size() * profileSteps();
        }

        /** How long the guest script may take: its measured seconds three times over (TCG, a busy host), plus 10 min. */
        Duration scriptDeadline() {
            long seconds = (long) fioRuns() * (rampSeconds + runSeconds)
                    + (net() ? PEER_KINDS.size() * (repetitions * (iperfSeconds + 2) + GuestBenchScript.PEER_WAIT_SECONDS) : 0);
            return Duration.ofMinutes(10).plusSeconds(3 * seconds);
        }

        /** The options after "./labvisor bench io" that run these again, for {@code profiles} and {@code parts}. */
        public String arguments(List<IoProfile> profiles, Set<Part> parts) {
            return "--instance-type " + instanceType + " --profiles "
                    + profiles.stream().map(IoProfile::label).collect(Collectors.joining(","))
                    + " --parts " + EnumSet.copyOf(parts).stream().map(Part::label).collect(Collectors.joining(","))
                    + " --repeat " + repetitions + " --ramp " + rampSeconds + " --runtime " + runSeconds
                    + " --size " + sizeMiB + " --iperf " + iperfSeconds;
        }

        public String arguments() {
            return arguments(profiles, parts);
        }

        String command(IoProfile profile, Set<Part> only) {
            return "./labvisor bench io " + arguments(List.of(profile), only);
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

    public Measured run(Options o) throws Exception {
        Measured out = o.disk() ? hostLimit(o) : Measured.of(List.of());
        // A VPC of its own: its subnets' static DHCP gives each guest its allocated address (which its security
        // group filter expects), and each subnet's gateway in the namespace is that profile's peer.
        Vpc vpc = null;
        Subnet first = null;
        for (int octet : VPC_OCTETS) {
            vpc = lv.vpcs().createVpc("10." + octet + ".0.0/16");
            try {
                first = lv.vpcs().createSubnet(vpc.vpcId(), "10." + octet + ".1.0/24");
                break;
            } catch (Ec2Exception e) {
                lv.securityGroups().deleteVpc(vpc.vpcId());
                vpc = null;
                if (e.code() != ErrorCode.INVALID_SUBNET_CONFLICT) {
                    throw e;
                }
            }
        }
        if (vpc == null) {
            throw new IllegalStateException("no free 10.250-254.0.0/16 block in the namespace for the benchmark's VPC");
        }
        try {
            for (int k = 0; k < o.profiles().size(); k++) {
                IoProfile profile = o.profiles().get(k);
                int stepsBefore = progress.done();
                Subnet subnet = null;
                try {
                    subnet = k == 0 ? first : lv.vpcs().createSubnet(vpc.vpcId(),
                            Cidr.format(vpc.cidr().network() + ((k + 1) << 8)) + "/24");
                    out = out.plus(profile(o, profile, subnet));
                } catch (Exception e) {
                    out = out.plus(new Measured(List.of(), everyFigure(o, profile, "the " + profile.label()
                            + " run failed: " + e.getMessage())));
                } finally {
                    if (subnet != null) {
                        try {
                            lv.vpcs().deleteSubnet(subnet.subnetId());
                        } catch (RuntimeException e) {
                            log.warn("could not delete the benchmark's {}: {}", subnet.subnetId(), e.getMessage());
                        }
                    }
                    // a profile that failed early still moves the bar past its steps
                    progress.advance(stepsBefore + o.profileSteps() - progress.done(), profile.label() + " done");
                }
            }
        } finally {
            lv.securityGroups().deleteVpc(vpc.vpcId());
        }
        return out;
    }

    private Measured hostLimit(Options o) throws InterruptedException {
        Path file = lv.config().poolPath().resolve("labvisor-bench-host.dat");
        Map<FioJob, List<Double>> samples = new LinkedHashMap<>();
        Map<FioJob, String> errors = new LinkedHashMap<>();
        for (int rep = 0; rep < o.repetitions(); rep++) {
            for (FioJob job : FioJob.STANDARD) {
                progress.doing("host limit: " + job.name() + " rep " + (rep + 1));
                try {
                    FioTerse r = HostLimit.run(job, file, o.sizeMiB(), o.rampSeconds(), o.runSeconds());
                    samples.computeIfAbsent(job, j -> new ArrayList<>()).add(metric(job, r));
                } catch (java.io.IOException e) {
                    errors.put(job, e.getMessage());
                }
                progress.step("host limit: " + job.name());
            }
        }
        List<Series> series = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        for (FioJob job : FioJob.STANDARD) {
            String cmd = String.join(" ", HostLimit.command(job, file, o.sizeMiB(), o.rampSeconds(), o.runSeconds()));
            if (samples.containsKey(job)) {
                series.add(Series.of("disk " + job.name(), "host limit", metricName(job), unit(job), samples.get(job))
                        .withCommand(cmd));
            } else {
                missing.add(new Missing("disk " + job.name(), "host limit", errors.get(job), cmd));
            }
        }
        return new Measured(series, missing);
    }

    private Measured profile(Options o, IoProfile profile, Subnet subnet) throws Exception {
        String name = profile.label();
        List<Instance> launched = new ArrayList<>();
        try (NamespacePeer peer = o.net() ? NamespacePeer.start(lv.config().netns(),
                Cidr.format(subnet.cidr().gateway())) : null) {
            Optional<Instance> server = Optional.empty();
            if (o.net()) {
                progress.doing(name + ": booting the iperf3 server guest");
                Instance s = boot(o, profile, subnet.subnetId(), GuestBenchScript.iperfServer(), launched);
                server = Optional.of(s);
                new ConsoleLog(Path.of(s.consoleLog())).await("LABVISOR-IPERF-SERVER", BOOT_DEADLINE)
                        .orElseThrow(() -> new IllegalStateException(s.instanceId() + " booted but its iperf3 server "
                                + "did not start within " + BOOT_DEADLINE.toMinutes() + " min (console: "
                                + s.consoleLog() + ")"));
                progress.step(name + ": iperf3 server guest up");
            }
            Optional<String> serverIp = server.flatMap(s -> lv.instances().require(s.instanceId()).privateIp());
            List<String> peers = new ArrayList<>();
            serverIp.ifPresent(peers::add);
            if (peer != null) {
                peers.add(peer.address());
            }
            GuestBenchScript.Disk disk = o.disk() ? new GuestBenchScript.Disk(FioJob.STANDARD, o.repetitions(),
                    GUEST_FILE, o.sizeMiB(), o.rampSeconds(), o.runSeconds()) : GuestBenchScript.Disk.none();
            progress.doing(name + ": booting the measuring guest");
            Instance client = boot(o, profile, subnet.subnetId(),
                    GuestBenchScript.client(disk, peers, o.iperfSeconds(), o.net() ? o.repetitions() : 0), launched);
            ConsoleLog console = new ConsoleLog(Path.of(client.consoleLog()));
            // user data runs before the init's READY line: sample when the script says it starts
            console.await("LABVISOR-BENCH-START", BOOT_DEADLINE).orElseThrow(() -> new IllegalStateException(
                    client.instanceId() + " booted but did not start its benchmark script within "
                            + BOOT_DEADLINE.toMinutes() + " min (console: " + client.consoleLog() + ")"));
            progress.step(name + ": guest script started");
            CpuSample before = CpuSample.of(client.instanceId());
            boolean done = awaitResults(console, name, o.scriptDeadline());
            CpuSample after = CpuSample.of(client.instanceId());
            GuestRun run = new GuestRun(console.lines(), serverIp.orElse(null),
                    server.map(s -> new ConsoleLog(Path.of(s.consoleLog())).lines()).orElse(List.of()),
                    peer == null ? null : peer.address(), peer == null ? "" : peer.log(),
                    done ? "" : "the guest script did not finish within " + o.scriptDeadline().toMinutes()
                            + " min (console: " + client.consoleLog() + ")");
            return results(o, profile, run, before, after);
        } finally {
            if (!launched.isEmpty()) {
                lv.instances().terminate(launched.stream().map(Instance::instanceId).toList());
            }
        }
    }

    /** Steps the progress bar per result line as the guest prints it; true when the script printed its end. */
    private boolean awaitResults(ConsoleLog console, String name, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        int seen = 0;
        while (System.nanoTime() < end) {
            List<GuestLine> lines = console.lines();
            List<GuestLine> results = lines.stream().filter(l -> RESULT_KINDS.contains(l.kind())).toList();
            for (; seen < results.size(); seen++) {
                progress.step(name + ": " + describe(results.get(seen)));
            }
            if (lines.stream().anyMatch(l -> l.kind().equals("LABVISOR-BENCH-DONE"))) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    private static final Set<String> RESULT_KINDS = Set.of("LABVISOR-FIO", "LABVISOR-IPERF", "LABVISOR-RTT");

    private static String describe(GuestLine l) {
        return switch (l.kind()) {
            case "LABVISOR-FIO" -> {
                String[] f = l.fields().getOrDefault("terse", "").split(";");
                yield "fio " + (f.length > 2 ? f[2] : "(no result)") + " rep " + l.fields().getOrDefault("rep", "?");
            }
            case "LABVISOR-IPERF" -> "iperf3 to " + l.fields().getOrDefault("peer", "?");
            default -> "ping " + l.fields().getOrDefault("peer", "?");
        };
    }

    /** What came back from one profile's guests. */
    private record GuestRun(List<GuestLine> client, String serverIp, List<GuestLine> server, String namespacePeer,
                            String peerLog, String incomplete) {
        Optional<String> address(List<GuestLine> lines) {
            return lines.stream().filter(l -> l.kind().equals("LABVISOR-NET"))
                    .map(l -> l.fields().getOrDefault("ipv4", "none")).filter(v -> !v.equals("none")).findFirst();
        }
    }

    private Measured results(Options o, IoProfile profile, GuestRun run, CpuSample before, CpuSample after) {
        String name = profile.label();
        List<Series> series = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        if (o.disk()) {
            String cmd = o.command(profile, EnumSet.of(Part.DISK));
            for (FioJob job : FioJob.STANDARD) {
                String group = "disk " + job.name();
                List<Double> values = run.client().stream().filter(l -> l.kind().equals("LABVISOR-FIO"))
                        .map(l -> l.fields().get("terse")).filter(t -> t != null && t.startsWith("3;"))
                        .map(FioTerse::parse).filter(t -> t.job().equals(job.name()))
                        .map(t -> metric(job, t)).toList();
                if (!values.isEmpty()) {
                    series.add(Series.of(group, name, metricName(job), unit(job), values).withCommand(cmd));
                } else {
                    missing.add(new Missing(group, name, run.incomplete().isEmpty()
                            ? "fio printed no result for " + job.name() + " in the guest" : run.incomplete(), cmd));
                }
            }
        }
        if (o.net()) {
            String cmd = o.command(profile, EnumSet.of(Part.NET));
            network(run, name, "guest to guest", run.serverIp(), cmd, series, missing);
            network(run, name, "guest to namespace peer", run.namespacePeer(), cmd, series, missing);
        }
        String cmd = o.command(profile, o.parts());
        series.add(Series.of("host cpu during the guest benchmark", name + " QEMU", "CPU time", "s",
                List.of(after.qemuSeconds() - before.qemuSeconds())).withCommand(cmd));
        if (profile == IoProfile.NITRO) {
            series.add(Series.of("host cpu during the guest benchmark", name + " cards", "CPU time", "s",
                    List.of(after.cardSeconds() - before.cardSeconds())).withCommand(cmd));
        }
        return new Measured(series, missing);
    }

    private static void network(GuestRun run, String name, String towards, String peer, String cmd,
                                List<Series> series, List<Missing> missing) {
        String throughput = "net throughput " + towards;
        String roundTrip = "net round trip " + towards;
        if (peer == null) {
            String why = "the iperf3 server guest has no private address";
            missing.add(new Missing(throughput, name, why, cmd));
            missing.add(new Missing(roundTrip, name, why, cmd));
            return;
        }
        List<GuestLine> iperf = lines(run.client(), "LABVISOR-IPERF", peer);
        List<Double> mbps = iperf.stream().map(l -> l.fields().get("mbps")).flatMap(v -> number(v).stream()).toList();
        if (!mbps.isEmpty()) {
            series.add(Series.of(throughput, name, "TCP throughput", "Mbit/s", mbps).withCommand(cmd));
        } else {
            missing.add(new Missing(throughput, name, why(run, iperf.stream().findFirst(), "iperf3", towards, "error"),
                    cmd));
        }
        List<GuestLine> ping = lines(run.client(), "LABVISOR-RTT", peer);
        List<Double> ms = ping.stream().map(l -> l.fields().get("avg_ms")).flatMap(v -> number(v).stream()).toList();
        if (!ms.isEmpty()) {
            series.add(Series.of(roundTrip, name, "ping RTT", "ms", ms).withCommand(cmd));
        } else {
            missing.add(new Missing(roundTrip, name, why(run, ping.stream().findFirst(), "ping", towards, "loss"), cmd));
        }
    }

    /** Why a network figure is empty: what the tool said, and whether either end had its address from DHCP. */
    private static String why(GuestRun run, Optional<GuestLine> line, String tool, String towards, String field) {
        if (line.isEmpty()) {
            return run.incomplete().isEmpty() ? "the guest printed no " + tool + " result" : run.incomplete();
        }
        List<String> why = new ArrayList<>();
        String said = line.get().fields().getOrDefault(field, "");
        why.add(tool + ": " + (said.isEmpty() || said.equals("none") ? "no result" : field.equals("loss")
                ? said + " packet loss" : said.replace('_', ' ')));
        if (run.address(run.client()).isEmpty()) {
            why.add("the measuring guest got no DHCP address (LABVISOR-NET ipv4=none)");
        }
        if (towards.equals("guest to guest") && run.address(run.server()).isEmpty()) {
            why.add("the iperf3 server guest got no DHCP address (LABVISOR-NET ipv4=none)");
        }
        if (towards.equals("guest to namespace peer")) {
            run.peerLog().lines().filter(l -> l.contains("error")).reduce((a, b) -> b)
                    .ifPresent(l -> why.add("namespace iperf3 server: " + l.strip()));
        }
        return String.join("; ", why);
    }

    private static List<GuestLine> lines(List<GuestLine> lines, String kind, String peer) {
        return lines.stream().filter(l -> l.kind().equals(kind) && peer.equals(l.fields().get("peer"))).toList();
    }

    private static Optional<Double> number(String v) {
        try {
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Every figure of a profile, missing for the same reason (the profile's run failed before any result). */
    private static List<Missing> everyFigure(Options o, IoProfile profile, String reason) {
        List<Missing> out = new ArrayList<>();
        if (o.disk()) {
            String cmd = o.command(profile, EnumSet.of(Part.DISK));
            FioJob.STANDARD.forEach(j -> out.add(new Missing("disk " + j.name(), profile.label(), reason, cmd)));
        }
        if (o.net()) {
            String cmd = o.command(profile, EnumSet.of(Part.NET));
            for (String towards : List.of("guest to guest", "guest to namespace peer")) {
                out.add(new Missing("net throughput " + towards, profile.label(), reason, cmd));
                out.add(new Missing("net round trip " + towards, profile.label(), reason, cmd));
            }
        }
        out.add(new Missing("host cpu during the guest benchmark", profile.label() + " QEMU", reason,
                o.command(profile, o.parts())));
        return out;
    }

    /**
     * Launches a guest and waits for its boot marker; relaunches it once when there is none. On a starved TCG host
     * a guest can hang early in boot (RCU stalls, a vCPU's timer never fires) and never recover; a benchmark
     * measures the guest that boots, and says so when neither does.
     */
    private Instance boot(Options o, IoProfile profile, String subnetId, String userData, List<Instance> launched)
            throws InterruptedException {
        List<String> hung = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            Instance i = launch(o, profile, subnetId, userData);
            launched.add(i);
            if (new ConsoleLog(Path.of(i.consoleLog())).await(GuestLine.BOOT, MARKER_DEADLINE).isPresent()) {
                return i;
            }
            hung.add(i.instanceId() + " (console: " + i.consoleLog() + ")");
            log.warn("{} printed no boot marker within {} min: relaunching", i.instanceId(), MARKER_DEADLINE.toMinutes());
            lv.instances().terminate(List.of(i.instanceId()));
            launched.remove(i);
        }
        throw new IllegalStateException("no " + profile.label() + " guest booted within " + MARKER_DEADLINE.toMinutes()
                + " min, twice: " + String.join(", ", hung));
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
