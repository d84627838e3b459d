package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.card.StorageCardSpec;
import io.labvisor.compute.Instance;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.image.Image;
import io.labvisor.virt.Domains;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.DomainBlockStats;
import org.libvirt.LibvirtException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3, storage card: a nitro t3.micro boots from a root volume served by its own qemu-storage-daemon over
 * vhost-user, survives that process being killed, and leaves nothing behind when terminated.
 */
class NitroStorageIT {
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(4);
    private static TestHost host;
    private static Image ami;

    @BeforeAll
    static void setUp() {
        host = TestHost.create();
        ami = host.registerTinyAmi();
    }

    @AfterAll
    static void tearDown() {
        host.close();
    }

    @Test
    void rootVolumeIsServedByTheStorageCardWhichSurvivesAKill() throws Exception {
        Labvisor lv = host.labvisor();
        Instance i = lv.instances().run(new RunRequest(ami.imageId(), "t3.micro", 1, 1,
                Optional.of(IoProfile.NITRO))).instances().get(0);
        String id = i.instanceId();
        StorageCardSpec card = lv.cards().spec(i);
        long cardPid = lv.cards().supervisor().pid(card).orElseThrow(() -> new AssertionError("no card for " + id));
        Map<String, Long> ioAtStart = procIo(cardPid);
        Path socket = card.volumes().get(0).socket();

        String xml = lv.libvirt().domains().xml(id).orElseThrow();
        assertTrue(xml.contains("<disk type='vhostuser' device='disk'"), xml);
        assertTrue(xml.contains("path='" + socket + "'"), "root disk on the card's socket " + socket + ":\n" + xml);
        assertTrue(xml.contains("<access mode='shared'/>"), "shared guest memory for the card");

        ConsoleLog console = new ConsoleLog(Path.of(i.consoleLog()));
        console.await(GuestLine.BOOT, BOOT_DEADLINE)
                .orElseThrow(() -> new AssertionError("no boot marker; console:\n" + console.tail()));
        assertTrue(console.await(l -> l.kind().equals(GuestLine.DEV) && "vda".equals(l.fields().get("name"))
                && "virtio_blk".equals(l.fields().get("driver")), Duration.ofMinutes(1)).isPresent(),
                "vda is virtio_blk in the guest:\n" + console.tail());
        assertTrue(console.await(l -> l.kind().equals("LABVISOR-ROOT") && "vda".equals(l.fields().get("dev")),
                Duration.ofMinutes(1)).isPresent(), "root volume mounted from vda:\n" + console.tail());
        console.await(GuestLine.READY, Duration.ofMinutes(1));

        // The guest's disk reads happened in the card process...
        Map<String, Long> ioBooted = procIo(cardPid);
        long cardRead = ioBooted.get("rchar") - ioAtStart.get("rchar");
        System.out.printf("card pid %d during boot: rchar +%d, wchar +%d, read_bytes +%d%n", cardPid, cardRead,
                ioBooted.get("wchar") - ioAtStart.get("wchar"), ioBooted.get("read_bytes") - ioAtStart.get("read_bytes"));
        assertTrue(cardRead > 256 * 1024, "the card read the root volume while the guest booted: +" + cardRead);
        // ... and not in QEMU's block layer, which has no block backend for a vhost-user disk.
        assertTrue(qemuBlockStatsCarryNothing(lv, id, "vda"), "QEMU's block stats must not carry vda");

        // Pinning: vCPU threads on the instance CPUs, QEMU's other threads and the card on the card CPUs.
        String instanceCpus = lv.partition().instanceCpus().toString();
        String cardCpus = lv.partition().cardCpus().toString();
        long qemuPid = Long.parseLong(Files.readString(Path.of("/run/libvirt/qemu", id + ".pid")).trim());
        Map<String, String> threads = threadAffinity(qemuPid);
        System.out.println("QEMU " + qemuPid + " threads: " + threads);
        assertTrue(threads.keySet().stream().anyMatch(t -> t.startsWith("CPU ")), "vCPU threads: " + threads);
        threads.forEach((name, cpus) -> assertEquals(name.startsWith("CPU ") ? instanceCpus : cardCpus, cpus,
                "thread " + name));
        assertEquals(cardCpus, status(Path.of("/proc", Long.toString(cardPid), "status")).get("Cpus_allowed_list"));

        // kill -9 the card: the supervisor starts a new one, QEMU reconnects, the guest keeps its disk.
        assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(cardPid)).start().waitFor());
        long newPid = awaitNewCard(lv, card, cardPid, Duration.ofSeconds(30));
        System.out.println("card restarted: pid " + cardPid + " -> " + newPid);
        awaitQemuConnected(newPid, qemuPid, socket, Duration.ofSeconds(DomainPlannerReconnect.SECONDS * 3 + 30));
        assertEquals(Domains.PowerState.RUNNING, lv.libvirt().domains().state(id).orElseThrow(), "guest still up");
        Map<String, Long> ioRestarted = procIo(newPid);
        // Power off from inside: the init syncs and unmounts its ext4 root (superblock and journal writes), which
        // can only finish if the reconnected card serves the disk; a dead disk would hang the guest forever.
        lv.libvirt().domains().shutdown(id);
        assertTrue(console.await(l -> l.kind().equals("LABVISOR-POWEROFF"), Duration.ofMinutes(1)).isPresent(),
                console.tail());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (lv.libvirt().domains().state(id).map(s -> s != Domains.PowerState.SHUTOFF).orElse(false)
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(Domains.PowerState.SHUTOFF, lv.libvirt().domains().state(id).orElseThrow(),
                "the guest unmounted its root through the restarted card and powered off:\n" + console.tail());
        Map<String, Long> ioAfter = procIo(newPid);
        long written = ioAfter.get("wchar") - ioRestarted.get("wchar");
        System.out.printf("restarted card pid %d during guest power-off: wchar +%d, rchar +%d%n", newPid, written,
                ioAfter.get("rchar") - ioRestarted.get("rchar"));
        assertTrue(written > 0, "the guest's unmount wrote through the restarted card");
        assertFalse(console.tail().contains("unmount /mnt/root"), "clean unmount:\n" + console.tail());

        lv.instances().terminate(List.of(id));
        assertFalse(ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false), "card stopped");
        assertFalse(Files.exists(socket.getParent()), "socket directory removed");
        assertFalse(Files.exists(card.pidFile()), "pidfile removed");
        try (var left = Files.list(card.pidFile().getParent())) {
            assertEquals(List.of(id + ".log"), left.map(f -> f.getFileName().toString())
                            .filter(f -> f.startsWith(id)).toList(),
                    "only the card's log stays in the state directory");
        }
    }

    @Test
    void aRestartedLabvisorAdoptsARunningCardAndRestartsAMissingOne() throws Exception {
        Instance i = host.labvisor().instances().run(new RunRequest(ami.imageId(), "t3.micro", 1, 1,
                Optional.empty())).instances().get(0);
        assertEquals(IoProfile.NITRO, i.ioProfile(), "t3 defaults to the nitro profile");
        String id = i.instanceId();
        ConsoleLog console = new ConsoleLog(Path.of(i.consoleLog()));
        console.await(GuestLine.READY, BOOT_DEADLINE)
                .orElseThrow(() -> new AssertionError("not ready; console:\n" + console.tail()));
        StorageCardSpec card = host.labvisor().cards().spec(i);
        long pid = host.labvisor().cards().supervisor().pid(card).orElseThrow();
        // As when the CLI that launched it exits: the card runs on, nobody watches it.
        host.labvisor().cards().supervisor().release();

        try (Labvisor second = host.reopen()) {
            assertFalse(second.reconciled().changes().stream().anyMatch(c -> c.startsWith(id)),
                    "nothing to change: " + second.reconciled().changes());
            assertEquals(Optional.of(pid), second.cards().supervisor().pid(card), "adopted, not replaced");
            assertEquals(1, cardProcesses(card), "never duplicated");
        }

        assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor());
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        Thread.sleep(1000);
        assertEquals(0, cardProcesses(card), "released: no supervisor restarts it");

        try (Labvisor third = host.reopen()) {
            assertTrue(third.reconciled().changes().contains(id + ": storage card restarted"),
                    third.reconciled().changes().toString());
            long newPid = third.cards().supervisor().pid(card).orElseThrow();
            assertNotEquals(pid, newPid);
            assertEquals(1, cardProcesses(card));
            long qemuPid = Long.parseLong(Files.readString(Path.of("/run/libvirt/qemu", id + ".pid")).trim());
            awaitQemuConnected(newPid, qemuPid, card.volumes().get(0).socket(),
                    Duration.ofSeconds(DomainPlannerReconnect.SECONDS * 3 + 30));
            assertEquals(Domains.PowerState.RUNNING, third.libvirt().domains().state(id).orElseThrow());
            third.instances().terminate(List.of(id));
            assertEquals(0, cardProcesses(card), "terminate stops the card");
            assertFalse(Files.exists(card.volumes().get(0).socket().getParent()), "sockets removed");
        }
    }

    /** Live qemu-storage-daemon processes that are this card (by cmdline), whoever started them. */
    private static long cardProcesses(StorageCardSpec card) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> {
            try {
                return card.matchesCmdline(Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")));
            } catch (IOException e) {
                return false;
            }
        }).count();
    }

    /** Named so the test reads as what it waits for: QEMU retries the card's socket this often. */
    private static final class DomainPlannerReconnect {
        static final long SECONDS = io.labvisor.compute.DomainPlanner.CARD_RECONNECT_SECONDS;
    }

    /**
     * Waits until QEMU has reconnected to a card's vhost-user socket: the card then holds an accepted, connected
     * unix socket on that path (state 03). The accepted socket is listed in /proc/net/unix of whichever namespace
     * it was made in, the card's or QEMU's (libvirtd runs QEMU in labvisor's namespace), so both are read.
     */
    private static void awaitQemuConnected(long cardPid, long qemuPid, Path socket, Duration timeout)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> cardSockets = socketInodes(cardPid);
            for (long pid : List.of(cardPid, qemuPid)) {
                boolean connected = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", "unix")).stream()
                        .skip(1).map(l -> l.trim().split("\\s+"))
                        .anyMatch(f -> f.length >= 8 && f[5].equals("03") && f[7].equals(socket.toString())
                                && cardSockets.contains(f[6]));
                if (connected) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("QEMU did not reconnect to " + socket + " within " + timeout);
    }

    /** The inodes of the unix (and other) sockets a process holds open, from its fd links ("socket:[inode]"). */
    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> out = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        out.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) { // closed meanwhile
                }
            }
        }
        return out;
    }

    private static long awaitNewCard(Labvisor lv, StorageCardSpec card, long oldPid, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> pid = lv.cards().supervisor().pid(card);
            if (pid.isPresent() && pid.get() != oldPid) {
                return pid.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the storage card was not restarted within " + timeout);
    }

    private static boolean qemuBlockStatsCarryNothing(Labvisor lv, String id, String dev) throws LibvirtException {
        try {
            DomainBlockStats s = lv.libvirt().connect().domainLookupByName(id).blockStats(dev);
            System.out.printf("QEMU block stats of %s: rd_req %d rd_bytes %d wr_req %d%n", dev, s.rd_req, s.rd_bytes,
                    s.wr_req);
            return s.rd_req <= 0 && s.rd_bytes <= 0 && s.wr_req <= 0;
        } catch (LibvirtException e) {
            System.out.println("QEMU block stats of " + dev + ": " + e.getMessage());
            return true;
        }
    }

    private static Map<String, Long> procIo(long pid) throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
            String[] kv = line.split(":\\s*");
            out.put(kv[0], Long.parseLong(kv[1].trim()));
        }
        return out;
    }

    /** Thread name to Cpus_allowed_list for every thread of {@code pid}. */
    private static Map<String, String> threadAffinity(long pid) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                Map<String, String> status = status(task.resolve("status"));
                out.put(status.get("Name") + "#" + task.getFileName(), status.get("Cpus_allowed_list"));
            }
        }
        return out;
    }

    private static Map<String, String> status(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }
}
