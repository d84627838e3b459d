package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.card.NetworkCardSpec;
import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.domain.DomainXml;
import io.labvisor.explain.IoPaths;
import io.labvisor.image.Image;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3, network card: two nitro t3.nano instances on a subnet of their own get their DHCP leases and ping each
 * other through their own DPDK network cards and the subnet's bridge; a card killed mid-ping is restarted by the
 * supervisor and the ping resumes.
 */
class NitroNetworkIT {
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(5);
    private static final Pattern REPLY = Pattern.compile("bytes from ([0-9.]+): seq=(\\d+) ttl=\\d+ time=([0-9.]+) ms");
    private static final int PINGS = 60;
    private static TestHost host;
    private static Image ami;
    private static Vpc vpc;
    private static int x;
    private static int subnets;

    @BeforeAll
    static void setUp() {
        host = TestHost.create();
        ami = host.registerTinyAmi();
        x = ThreadLocalRandom.current().nextInt(64, 250);
        vpc = host.labvisor().vpcs().createVpc("10." + x + ".0.0/16");
    }

    @AfterAll
    static void tearDown() {
        host.close(); // also removes the subnets' networks and the groups' filters
    }

    /**
     * A subnet of its own for each test (static-only DHCP): the guests' security-group filters on their cards' taps
     * match the addresses labvisor allocated. Not the default network, which every labvisor on the host shares, and
     * not one subnet for both tests: dnsmasq keeps a terminated guest's lease and refuses its address to the next.
     */
    private static Subnet newSubnet() {
        return host.labvisor().vpcs().createSubnet(vpc.vpcId(), "10." + x + "." + ++subnets + ".0/24");
    }

    @Test
    void twoInstancesTalkThroughTheirNetworkCardsWhichSurviveAKill() throws Exception {
        Labvisor lv = host.labvisor();
        Subnet subnet = newSubnet();
        Instance b = run(lv, subnet, Optional.empty());
        NetworkCardSpec cardB = lv.cards().networkSpec(b);
        String xml = lv.libvirt().domains().xml(b.instanceId()).orElseThrow();
        assertTrue(xml.contains("<interface type='vhostuser'>") && xml.contains("path='" + cardB.socket() + "'"),
                "the NIC is the network card's vhost-user socket:\n" + xml);
        String ipB = lease(b);

        // A pings B from its user data script, and then reports its own virtio-net counters.
        Path script = Files.createTempFile("ping", ".sh");
        Files.writeString(script, "#!/bin/sh\nping -c " + PINGS + " " + ipB + "\n"
                + "echo LABVISOR-NETSTATS rx_packets=$(cat /sys/class/net/eth0/statistics/rx_packets)"
                + " tx_packets=$(cat /sys/class/net/eth0/statistics/tx_packets)\n");
        Instance a = run(lv, subnet, Optional.of(script));
        String ipA = lease(a);
        assertNotEquals(ipA, ipB);
        NetworkCardSpec cardA = lv.cards().networkSpec(a);
        ConsoleLog consoleA = new ConsoleLog(Path.of(a.consoleLog()));

        List<double[]> before = awaitReplies(consoleA, ipB, 5, -1, Duration.ofMinutes(2));
        long[] tapA0 = tapCounters(cardA.tap());
        long[] tapB0 = tapCounters(cardB.tap());
        long pidA = lv.cards().networkSupervisor().pid(cardA).orElseThrow();
        long cpu0 = cpuTicks(pidA);
        long t0 = System.nanoTime();
        // The kernel bridge sees the ping on both cards' taps: echo requests leave A's card, enter B's, and back.
        long[] tapA1;
        long[] tapB1;
        long deadline = t0 + Duration.ofMinutes(1).toNanos();
        do {
            Thread.sleep(200);
            tapA1 = tapCounters(cardA.tap());
            tapB1 = tapCounters(cardB.tap());
        } while (!(carried(tapA0, tapA1, 3) && carried(tapB0, tapB1, 3)) && System.nanoTime() < deadline);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpuTicks = cpuTicks(pidA) - cpu0;
        System.out.printf("card A pid %d: %.0f%% of a CPU over %.1f s of ping; tap %s rx +%d tx +%d, tap %s rx +%d"
                        + " tx +%d%n", pidA, cpuTicks / seconds, seconds, cardA.tap(), tapA1[0] - tapA0[0],
                tapA1[1] - tapA0[1], cardB.tap(), tapB1[0] - tapB0[0], tapB1[1] - tapB0[1]);
        assertTrue(carried(tapA0, tapA1, 3), "A's tap carried the ping");
        assertTrue(carried(tapB0, tapB1, 3), "B's tap carried the ping");
        assertEquals(lv.partition().cardCpus().toString(), status(pidA, "Cpus_allowed_list"));
        // The card maps the guest's RAM without locking or populating it (testpmd --no-mlockall): after a boot and
        // a ping it holds a small part of it, where mlockall had made all of it resident at SET_MEM_TABLE.
        assertEquals("0 kB", status(pidA, "VmLck"), "the card locks no memory");
        long rssMiB = Long.parseLong(status(pidA, "VmRSS").replace(" kB", "")) / 1024;
        long guestMiB = lv.catalog().require(a.instanceType()).memoryMiB();
        System.out.printf("card A resident %d MiB beside a %d MiB guest%n", rssMiB, guestMiB);
        assertTrue(rssMiB < guestMiB / 2, "card A resident " + rssMiB + " MiB for a " + guestMiB + " MiB guest");
        // The forwarding thread polls at SCHED_IDLE in the low-weight polling cgroup; the vhost-user control thread,
        // which QEMU waits for, keeps a normal priority.
        boolean polling = false;
        try (var threads = Files.list(Path.of("/proc", Long.toString(pidA), "task"))) {
            for (Path t : threads.toList()) {
                String comm = Files.readString(t.resolve("comm")).trim();
                boolean worker = comm.startsWith("rte-worker-");
                polling |= worker;
                assertEquals(worker ? "5" : "0", schedPolicy(t), comm + " scheduling policy");
                assertEquals(worker, Files.readString(t.resolve("cgroup")).contains(":cpu:/labvisor-card-polling\n"),
                        comm + " in the polling cgroup");
            }
        }
        assertTrue(polling, "the card has a polling thread");

        // explain: the NIC's path goes through the card, its tap and the bridge.
        String paths = IoPaths.of(a, DomainXml.parse(lv.libvirt().domains().xml(a.instanceId()).orElseThrow()),
                consoleA.lines(), lv.config().netns(), List.of(new IoPaths.NetworkCard(cardA.socket().toString(),
                        Optional.of(pidA), cardA.tap(), cardA.bridge(), subnet.network(),
                        Optional.of("labvisor-eni-" + a.instanceId())))).stream()
                .map(IoPaths.Path::describe).reduce("", (x, y) -> x + y + "\n");
        System.out.print(paths);
        assertTrue(paths.contains("network card (DPDK testpmd, pid " + pidA), paths);

        // kill -9 A's card while the ping runs: the supervisor restarts it, QEMU reconnects, replies resume.
        List<double[]> sofar = awaitReplies(consoleA, ipB, 1, 0, Duration.ofSeconds(5));
        int lastSeq = (int) sofar.get(sofar.size() - 1)[0];
        long killedAt = System.nanoTime();
        assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(pidA)).start().waitFor());
        long newPid = awaitNewCard(lv, cardA, pidA, Duration.ofSeconds(30));
        long restartedAt = System.nanoTime();
        List<double[]> after = awaitReplies(consoleA, ipB, 1, lastSeq + 2, Duration.ofSeconds(60));
        double resumed = (System.nanoTime() - killedAt) / 1e9;
        after = awaitReplies(consoleA, ipB, 3, lastSeq + 2, Duration.ofSeconds(30));
        System.out.printf("card A restarted %.1f s after the kill: pid %d -> %d; replies resumed at seq %d (last"
                        + " reply before the kill: seq %d), seen %.1f s after the kill%n",
                (restartedAt - killedAt) / 1e9, pidA, newPid, (int) after.get(0)[0], lastSeq, resumed);
        double avg = before.stream().mapToDouble(r -> r[1]).average().orElse(0);
        System.out.printf("ping RTT through two cards: avg %.2f ms over %d replies before the kill%n", avg,
                before.size());

        GuestLine stats = consoleA.await("LABVISOR-NETSTATS", Duration.ofMinutes(4))
                .orElseThrow(() -> new AssertionError("no stats:\n" + consoleA.tail()));
        System.out.println("guest A eth0: " + stats.fields());
        assertTrue(stats.getLong("rx_packets") >= before.size() + after.size());

        lv.instances().terminate(List.of(a.instanceId(), b.instanceId()));
        assertFalse(ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false), "card stopped");
        assertFalse(Files.exists(cardA.socket()), "socket removed");
        assertFalse(Files.exists(cardA.pidFile()), "pidfile removed");
        assertFalse(tapExists(cardA.tap()), "tap gone");
    }

    @Test
    void theNetworkCardStopsWithItsInstanceAndServesItAgainAfterStart() throws Exception {
        Labvisor lv = host.labvisor();
        Instance i = run(lv, newSubnet(), Optional.empty());
        String id = i.instanceId();
        lease(i);
        NetworkCardSpec card = lv.cards().networkSpec(i);
        long pid = lv.cards().networkSupervisor().pid(card).orElseThrow();

        // Cards run only while their instance does (NitroStoppedCardsIT checks both cards and a reopened labvisor).
        lv.instances().stop(List.of(id), false);
        awaitState(lv, id, InstanceState.STOPPED);
        assertEquals(Optional.empty(), lv.cards().networkSupervisor().pid(card), "no card while stopped");
        assertFalse(tapExists(card.tap()), "no tap on the bridge while stopped");

        ConsoleLog console = new ConsoleLog(Path.of(i.consoleLog()));
        long boots = console.first("LABVISOR-ROOT").orElseThrow().getLong("boots");
        lv.instances().start(List.of(id));
        // The second boot of the root volume (QEMU starts a fresh log), then a lease printed after that boot.
        console.await(l -> l.kind().equals("LABVISOR-ROOT") && l.getLong("boots") == boots + 1, BOOT_DEADLINE)
                .orElseThrow(() -> new AssertionError("no second boot:\n" + console.tail()));
        assertTrue(console.await(l -> l.kind().equals("LABVISOR-NET") && secondBoot(console, boots), BOOT_DEADLINE)
                .isPresent(), "a lease through the new card after start:\n" + console.tail());
        long restarted = lv.cards().networkSupervisor().pid(card).orElseThrow();
        assertNotEquals(pid, restarted, "a new card process served the start");
        assertTrue(tapExists(card.tap()), "the new card's tap is on the bridge");
        lv.instances().terminate(List.of(id));
        assertFalse(tapExists(card.tap()), "tap gone");
    }

    /** True while the log is the second boot's: its root line counts {@code boots + 1}. */
    private static boolean secondBoot(ConsoleLog console, long boots) {
        return console.first("LABVISOR-ROOT").map(r -> r.getLong("boots") == boots + 1).orElse(false);
    }

    private static void awaitState(Labvisor lv, String id, InstanceState state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (lv.instances().require(id).state() != state && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(state, lv.instances().require(id).state());
    }

    private static Instance run(Labvisor lv, Subnet subnet, Optional<Path> userData) {
        Instance i = lv.instances().run(new RunRequest(ami.imageId(), "t3.nano", 1, 1, Optional.of(IoProfile.NITRO),
                userData.map(NitroNetworkIT::read), Optional.of(subnet.subnetId()), List.of())).instances().get(0);
        assertEquals(IoProfile.NITRO, i.ioProfile());
        return i;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The guest's DHCP lease: DHCP itself went through the network card. */
    private static String lease(Instance i) throws InterruptedException {
        ConsoleLog console = new ConsoleLog(Path.of(i.consoleLog()));
        GuestLine net = console.await("LABVISOR-NET", BOOT_DEADLINE)
                .orElseThrow(() -> new AssertionError("no lease for " + i.instanceId() + ":\n" + console.tail()));
        String ip = net.get("ipv4").split("/")[0];
        assertEquals(i.privateIp().orElseThrow(), ip, "the address labvisor allocated");
        System.out.println(i.instanceId() + " leased " + ip);
        return ip;
    }

    /** Waits for {@code count} echo replies from {@code ip} with seq at least {@code fromSeq}: [seq, ms] each. */
    private static List<double[]> awaitReplies(ConsoleLog console, String ip, int count, int fromSeq,
                                               Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<double[]> replies = List.of();
        while (System.nanoTime() < deadline) {
            replies = new ArrayList<>();
            Matcher m = REPLY.matcher(console.read(1 << 20));
            while (m.find()) {
                if (m.group(1).equals(ip) && Integer.parseInt(m.group(2)) >= fromSeq) {
                    replies.add(new double[]{Integer.parseInt(m.group(2)), Double.parseDouble(m.group(3))});
                }
            }
            if (replies.size() >= count) {
                return replies;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("only " + replies.size() + " replies from " + ip + " from seq " + fromSeq + ":\n"
                + console.tail());
    }

    private static long awaitNewCard(Labvisor lv, NetworkCardSpec card, long oldPid, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> pid = lv.cards().networkSupervisor().pid(card);
            if (pid.isPresent() && pid.get() != oldPid) {
                return pid.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the network card was not restarted within " + timeout);
    }

    /** rx and tx packets of a tap in the namespace. */
    private static long[] tapCounters(String tap) throws IOException, InterruptedException {
        return new long[]{Long.parseLong(inNetns("cat", "/sys/class/net/" + tap + "/statistics/rx_packets")),
                Long.parseLong(inNetns("cat", "/sys/class/net/" + tap + "/statistics/tx_packets"))};
    }

    private static boolean tapExists(String tap) throws IOException, InterruptedException {
        return new ProcessBuilder("ip", "netns", "exec", host.config().netns(), "ip", "link", "show", tap)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    }

    private static String inNetns(String... argv) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", host.config().netns()));
        cmd.addAll(List.of(argv));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    /** At least {@code n} more packets received and sent. */
    private static boolean carried(long[] before, long[] after, int n) {
        return after[0] - before[0] >= n && after[1] - before[1] >= n;
    }

    /** A thread's scheduling policy number from its {@code sched} file (5: SCHED_IDLE). */
    private static String schedPolicy(Path task) throws IOException {
        return Files.readAllLines(task.resolve("sched")).stream().filter(l -> l.startsWith("policy"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
    }

    /** utime + stime in clock ticks (100 per second). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String status(long pid, String key) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith(key + ":")).map(l -> l.substring(key.length() + 1).trim())
                .findFirst().orElseThrow();
    }
}
