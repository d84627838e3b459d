package io.labvisor.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.card.CardBlockGraph;
import io.labvisor.card.QmpClient;
import io.labvisor.card.StorageCardSpec;
import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.domain.DomainXml;
import io.labvisor.domain.IoTune;
import io.labvisor.explain.IoPaths;
import io.labvisor.image.Image;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeIoTune;
import io.labvisor.volume.VolumeService.CreateRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data volumes on nitro instances, with real guests, one at a time (nitro cards share the single card CPU of a
 * 2-CPU host): a volume hot-plugged into running nitro instance A is exported by A's storage card (throttled to its
 * EBS limits) and written by A's guest; the card's block node sees the writes; the card is killed, restarted with
 * the volume's export, and A's guest reads its data back through it; the volume is detached live (device first,
 * export after), hot-plugged into nitro instance B, whose guest reads the same data; B is stopped and started and
 * boots with the volume still exported and attached.
 */
class NitroVolumesIT {
    private static final Duration BOOT = Duration.ofMinutes(5);
    private static final long MIB = 1 << 20;
    /** Waits for the hot-plugged disk, writes 4 MiB at 1 MiB and rereads it every 2 s until the disk goes. */
    private static final String WRITER = """
            #!/bin/sh
            echo "LABVISOR-DATA chunk=1 phase=waiting"
            while [ ! -b /dev/vdb ]; do sleep 1; done
            dd if=/dev/urandom of=/tmp/chunk bs=1M count=4 2>/dev/null
            dd if=/tmp/chunk of=/dev/vdb bs=1M seek=1 conv=fsync 2>/dev/null
            echo "LABVISOR-DATA chunk=1 phase=written sha256=$(sha256sum /tmp/chunk | cut -d' ' -f1)"
            n=0
            while [ -b /dev/vdb ]; do
                n=$((n+1)); sync; echo 3 > /proc/sys/vm/drop_caches
                s=$(dd if=/dev/vdb bs=1M skip=1 count=4 2>/dev/null | sha256sum | cut -d' ' -f1)
                [ -b /dev/vdb ] && echo "LABVISOR-DATA chunk=1 phase=reread n=$n sha256=$s"
                sleep 2
            done
            echo "LABVISOR-DATA chunk=1 phase=released"
            """;
    /** Waits for the hot-plugged disk and reads the 4 MiB at 1 MiB once. */
    private static final String READER = """
            #!/bin/sh
            echo "LABVISOR-DATA chunk=1 phase=waiting"
            while [ ! -b /dev/vdb ]; do sleep 1; done
            echo 3 > /proc/sys/vm/drop_caches
            echo "LABVISOR-DATA chunk=1 phase=read sha256=$(dd if=/dev/vdb bs=1M skip=1 count=4 2>/dev/null | sha256sum | cut -d' ' -f1)"
            """;
    private static TestHost host;
    private static Image ami;

    @BeforeAll
    static void setUp() {
        host = TestHost.create();
        ami = host.registerTinyAmi();
    }

    @AfterEach
    void terminateLeftovers() {
        for (Instance i : host.labvisor().instances().describe(List.of(), List.of())) {
            if (i.state() != InstanceState.TERMINATED) {
                host.labvisor().instances().terminate(List.of(i.instanceId()));
            }
        }
    }

    @AfterAll
    static void tearDown() {
        host.close();
    }

    @Test
    void aDataVolumeIsServedByTheStorageCardAndMovesBetweenNitroInstances() throws Exception {
        Labvisor lv = host.labvisor();
        Volume vol = lv.volumeService().create(new CreateRequest(1, "gp3", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));

        // A: launched nitro with the writer; the volume is hot-plugged once it runs.
        Instance a = lv.instances().run(new RunRequest(ami.imageId(), "t3.micro", 1, 1, Optional.of(IoProfile.NITRO))
                .withUserData(WRITER)).instances().get(0);
        ConsoleLog consoleA = new ConsoleLog(Path.of(a.consoleLog()));
        await(consoleA, "waiting", BOOT);
        awaitState(lv, a.instanceId(), InstanceState.RUNNING);
        lv.attachments().attach(vol.volumeId(), a.instanceId(), "/dev/sdf");

        StorageCardSpec cardA = lv.cards().spec(a);
        Path socket = cardA.volume(vol.volumeId()).orElseThrow().socket();
        String liveA = lv.libvirt().domains().xml(a.instanceId()).orElseThrow();
        assertTrue(liveA.contains("ua-" + vol.volumeId()) && liveA.contains("path='" + socket + "'"), liveA);
        assertFalse(liveA.contains("<iotune>"), "no libvirt iotune on a vhost-user disk: the card throttles");
        String paths = IoPaths.of(a, DomainXml.parse(liveA), consoleA.lines(), lv.config().netns()).stream()
                .map(IoPaths.Path::describe).reduce("", (x, y) -> x + y + "\n");
        System.out.print(paths);
        assertTrue(paths.contains("disk vdb") && paths.contains("data volume " + vol.volumeId()), paths);
        assertTrue(lv.cards().exports().exported(cardA).contains(vol.volumeId()), "the card exports the volume");
        IoTune want = VolumeIoTune.of(lv.volumeService().require(vol.volumeId()).performance(),
                lv.catalog().require("t3.micro"));
        JsonNode limits = qomGet(cardA, "/objects/" + CardBlockGraph.throttleGroupId(vol.volumeId()), "limits");
        System.out.println("throttle group of " + vol.volumeId() + ": " + limits + " (libvirt would set " + want + ")");
        assertEquals(want.totalIopsSec().longValue(), limits.get("iops-total").asLong());
        assertEquals(want.totalBytesSec().longValue(), limits.get("bps-total").asLong());

        // The guest writes through the card: the volume's nodes in the card see it.
        long before = highestWrite(lv, cardA, vol.volumeId());
        String written = await(consoleA, "written", Duration.ofMinutes(2)).get("sha256");
        long after = highestWrite(lv, cardA, vol.volumeId());
        System.out.printf("card node %s wr_highest_offset %d -> %d%n", vol.volumeId(), before, after);
        assertTrue(after >= 5 * MIB, "the guest's 4 MiB at 1 MiB went through the card's node: " + after);
        assertEquals(written, awaitReread(consoleA, 1), "reread through the card");

        // kill -9 the card: it comes back with the data volume's export, and the guest reads its data again.
        long pid = lv.cards().supervisor().pid(cardA).orElseThrow();
        assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor());
        long newPid = awaitNewCard(lv, cardA, pid);
        assertTrue(lv.cards().exports().exported(cardA).contains(vol.volumeId()), "export re-created");
        int seen = rereads(consoleA);
        assertEquals(written, awaitReread(consoleA, seen + 2), "reread through the restarted card (pid " + pid
                + " -> " + newPid + ")");
        printRss("storage card", newPid);

        // Live detach: device first, then the export.
        lv.attachments().detach(vol.volumeId(), Optional.of(a.instanceId()), false);
        assertEquals("available", lv.volumeService().require(vol.volumeId()).state());
        assertFalse(lv.libvirt().domains().xml(a.instanceId()).orElseThrow().contains("ua-" + vol.volumeId()));
        assertFalse(lv.cards().exports().exported(cardA).contains(vol.volumeId()), "export withdrawn");
        assertFalse(Files.exists(socket), "socket removed");
        await(consoleA, "released", Duration.ofMinutes(1));
        lv.instances().terminate(List.of(a.instanceId()));

        // B: another nitro instance reads A's data through its own card.
        Instance b = lv.instances().run(new RunRequest(ami.imageId(), "t3.micro", 1, 1, Optional.of(IoProfile.NITRO))
                .withUserData(READER)).instances().get(0);
        ConsoleLog consoleB = new ConsoleLog(Path.of(b.consoleLog()));
        await(consoleB, "waiting", BOOT);
        awaitState(lv, b.instanceId(), InstanceState.RUNNING);
        lv.attachments().attach(vol.volumeId(), b.instanceId(), "/dev/sdg");
        assertEquals(written, await(consoleB, "read", Duration.ofMinutes(2)).get("sha256"),
                "data written by A read back by B");

        // Stop and start B: the card stops with B and starts again exporting the volume; the domain is planned with
        // the card's disk again.
        lv.instances().stop(List.of(b.instanceId()), false);
        awaitState(lv, b.instanceId(), InstanceState.STOPPED);
        lv.instances().start(List.of(b.instanceId()));
        GuestLine disk = consoleB.await(l -> l.kind().equals("LABVISOR-DISK") && "vdb".equals(l.fields().get("name")),
                BOOT).orElseThrow(() -> new AssertionError("no vdb after the start:\n" + consoleB.tail()));
        System.out.println("B after stop/start: " + disk);
        StorageCardSpec cardB = lv.cards().spec(lv.instances().require(b.instanceId()));
        assertTrue(lv.cards().exports().exported(cardB).contains(vol.volumeId()));
        String liveB = lv.libvirt().domains().xml(b.instanceId()).orElseThrow();
        assertTrue(liveB.contains("path='" + cardB.volume(vol.volumeId()).orElseThrow().socket() + "'"), liveB);
        printRss("network card", lv.cards().networkSupervisor().pid(lv.cards().networkSpec(b)).orElseThrow());

        lv.instances().terminate(List.of(b.instanceId()));
        assertEquals("available", lv.volumeService().require(vol.volumeId()).state());
        lv.volumeService().delete(vol.volumeId());
    }

    private static JsonNode qomGet(StorageCardSpec card, String path, String property) {
        try (QmpClient qmp = QmpClient.open(card.qmpSocket())) {
            return qmp.execute("qom-get", Map.of("path", path, "property", property));
        }
    }

    private static long highestWrite(Labvisor lv, StorageCardSpec card, String volumeId) {
        JsonNode stats = lv.cards().exports().nodeStats(card).get(CardBlockGraph.topNodeName(volumeId));
        assertTrue(stats != null, "the card has a node " + volumeId);
        return stats.get("wr_highest_offset").asLong();
    }

    private static GuestLine await(ConsoleLog console, String phase, Duration timeout) throws InterruptedException {
        return console.await(l -> l.kind().equals("LABVISOR-DATA") && phase.equals(l.fields().get("phase")), timeout)
                .orElseThrow(() -> new AssertionError("no " + phase + " line:\n" + console.tail()));
    }

    private static int rereads(ConsoleLog console) {
        return (int) console.lines().stream().filter(l -> l.kind().equals("LABVISOR-DATA")
                && "reread".equals(l.fields().get("phase"))).count();
    }

    /** The checksum of the {@code n}th reread line. */
    private static String awaitReread(ConsoleLog console, int n) throws InterruptedException {
        GuestLine line = console.await(l -> l.kind().equals("LABVISOR-DATA") && "reread".equals(l.fields().get("phase"))
                        && Integer.parseInt(l.fields().get("n")) >= n, Duration.ofMinutes(2))
                .orElseThrow(() -> new AssertionError("no reread #" + n + ":\n" + console.tail()));
        return line.get("sha256");
    }

    private static long awaitNewCard(Labvisor lv, StorageCardSpec card, long oldPid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> pid = lv.cards().supervisor().pid(card);
            if (pid.isPresent() && pid.get() != oldPid) {
                return pid.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the storage card was not restarted");
    }

    private static void printRss(String what, long pid) throws java.io.IOException {
        Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS") || l.startsWith("Rss"))
                .forEach(l -> System.out.println(what + " pid " + pid + " " + l));
    }

    private static void awaitState(Labvisor lv, String id, InstanceState want) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (lv.instances().require(id).state() != want) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " is " + lv.instances().require(id).state() + ", not " + want);
            }
            Thread.sleep(100);
        }
    }
}
