package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import io.labvisor.image.Image;
import io.labvisor.volume.Snapshot;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeService.CreateRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4's EBS part with two real guests (virtio profile): a data volume hot-plugged into running instance A
 * gets a mark from A's guest (read after a reboot: the init reports disks at boot), is detached live, attached to
 * running instance B, and B reads the same mark back; a snapshot of it becomes a new volume that B reads the same
 * mark from. Refused requests change nothing.
 */
class VolumesIT {
    private static final Duration BOOT = Duration.ofMinutes(4);
    private static TestHost host;
    private static Image ami;

    @BeforeAll
    static void setUp() {
        host = TestHost.create();
        ami = host.registerTinyAmi();
    }

    /** A failed test leaves no guest running into the next one (at most two guests at a time on this host). */
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
    void dataVolumeMovesBetweenInstancesAndThroughASnapshot() throws Exception {
        Labvisor lv = host.labvisor();
        List<Instance> run = lv.instances().run(new RunRequest(ami.imageId(), "t2.micro", 2, 2,
                Optional.of(IoProfile.VIRTIO))).instances();
        Instance a = run.get(0);
        Instance b = run.get(1);
        ConsoleLog consoleA = new ConsoleLog(Path.of(a.consoleLog()));
        ConsoleLog consoleB = new ConsoleLog(Path.of(b.consoleLog()));

        // Bad requests create nothing.
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> lv.volumeService().create(gp3(0, Optional.empty())));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> lv.volumeService().create(gp3(1, Optional.of(20_000))));
        assertTrue(lv.volumeService().describe(List.of(), List.of(new Filter("status", List.of("available"))))
                .isEmpty(), "no volume from refused requests");

        Volume vol = lv.volumeService().create(gp3(1, Optional.empty()));
        assertEquals("available", vol.state());
        awaitReady(consoleA, 1);
        awaitReady(consoleB, 1);
        awaitState(lv, a.instanceId(), InstanceState.RUNNING);
        awaitState(lv, b.instanceId(), InstanceState.RUNNING);

        // Hot-plug into running A: the live domain has the disk, throttled; A's guest marks it.
        lv.attachments().attach(vol.volumeId(), a.instanceId(), "/dev/sdf");
        String liveA = lv.libvirt().domains().xml(a.instanceId()).orElseThrow();
        assertTrue(liveA.contains("ua-" + vol.volumeId()) && liveA.contains("<total_iops_sec>"), liveA);
        assertEquals(List.of(vol.volumeId()), lv.volumeService().describe(List.of(), List.of(
                new Filter("attachment.instance-id", List.of(a.instanceId())))).stream().map(Volume::volumeId)
                .filter(id -> id.equals(vol.volumeId())).toList());
        lv.instances().reboot(List.of(a.instanceId()));
        GuestLine onA = disk(awaitReady(consoleA, 2), "vdb");
        assertEquals("1", onA.get("fresh"), "a new volume is empty");
        String mark = onA.get("mark");

        // Refused while attached: delete; the volume stays attached.
        assertCode(ErrorCode.VOLUME_IN_USE, () -> lv.volumeService().delete(vol.volumeId()));
        assertEquals("in-use", lv.volumeService().require(vol.volumeId()).state());

        // Live detach from A, hot-plug into B: B reads A's mark.
        lv.attachments().detach(vol.volumeId(), Optional.of(a.instanceId()), false);
        assertEquals("available", lv.volumeService().require(vol.volumeId()).state());
        lv.attachments().attach(vol.volumeId(), b.instanceId(), "/dev/sdg");
        lv.instances().reboot(List.of(b.instanceId()));
        GuestLine onB = disk(awaitReady(consoleB, 2), "vdb");
        assertEquals(mark, onB.get("mark"), "data written by A read back by B");
        assertEquals("0", onB.get("fresh"));

        // Snapshot (of the detached volume) -> new volume -> B reads the same mark from the copy.
        lv.attachments().detach(vol.volumeId(), Optional.empty(), false);
        Snapshot snap = lv.snapshots().create(vol.volumeId());
        Volume copy = lv.volumeService().create(new CreateRequest(null, "gp2", Optional.empty(), Optional.empty(),
                Optional.of(snap.snapshotId()), Optional.empty()));
        assertEquals(Optional.of(snap.snapshotId()), copy.snapshotId());
        lv.attachments().attach(copy.volumeId(), b.instanceId(), "/dev/sdh");
        lv.instances().reboot(List.of(b.instanceId()));
        GuestLine copyOnB = disk(awaitReady(consoleB, 3), "vdb");
        assertEquals(mark, copyOnB.get("mark"), "the snapshot kept the volume's data");

        // A terminated instance takes no volume; the volume stays available.
        lv.instances().terminate(List.of(a.instanceId()));
        assertCode(ErrorCode.INCORRECT_INSTANCE_STATE,
                () -> lv.attachments().attach(vol.volumeId(), a.instanceId(), "/dev/sdf"));
        assertEquals("available", lv.volumeService().require(vol.volumeId()).state());

        // Terminating B releases (does not delete) its data volume; then it can be deleted, and so can the snapshot.
        lv.instances().terminate(List.of(b.instanceId()));
        assertEquals("available", lv.volumeService().require(copy.volumeId()).state());
        lv.volumeService().delete(copy.volumeId());
        lv.snapshots().delete(snap.snapshotId());
        lv.volumeService().delete(vol.volumeId());
        assertCode(ErrorCode.INVALID_VOLUME_ID_NOT_FOUND, () -> lv.volumeService().require(vol.volumeId()));
    }

    /**
     * A volume attached to a stopped instance comes up at its next start (planned from the volume's row); an AMI
     * created from the stopped instance boots with the root's boot counter continuing, and keeps working after
     * its source AMI is deregistered and its files are gone. DeleteOnTermination set on the data volume deletes it
     * with the instance.
     */
    @Test
    void createImageFromAStoppedInstanceAndAttachWhileStopped() throws Exception {
        Labvisor lv = host.labvisor();
        Image source = lv.images().register(TestHost.TINY_MANIFEST, Optional.of("capture-source"), Optional.empty());
        Instance c = lv.instances().run(new RunRequest(source.imageId(), "t2.micro", 1, 1,
                Optional.of(IoProfile.VIRTIO))).instances().get(0);
        ConsoleLog consoleC = new ConsoleLog(Path.of(c.consoleLog()));
        assertEquals(1, root(awaitReady(consoleC, 1)).getLong("boots"));
        awaitState(lv, c.instanceId(), InstanceState.RUNNING);
        assertCode(ErrorCode.INCORRECT_INSTANCE_STATE,
                () -> lv.imageCapture().capture(c.instanceId(), "captured", Optional.empty()));

        lv.instances().stop(List.of(c.instanceId()), false);
        awaitState(lv, c.instanceId(), InstanceState.STOPPED);
        Volume vol = lv.volumeService().create(new CreateRequest(1, "gp2", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        lv.attachments().attach(vol.volumeId(), c.instanceId(), "/dev/sdf");
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> lv.attachments().setDeleteOnTermination(c.instanceId(),
                java.util.Map.of("/dev/sdf", true, "/dev/sdz", true)));
        assertEquals(false, lv.volumeService().require(vol.volumeId()).deleteOnTermination(), "nothing changed");
        lv.attachments().setDeleteOnTermination(c.instanceId(), java.util.Map.of("/dev/sdf", true));
        Image captured = lv.imageCapture().capture(c.instanceId(), "captured", Optional.empty());

        // Start (a start begins a new console log): the data volume attached while stopped is there.
        lv.instances().start(List.of(c.instanceId()));
        List<GuestLine> second = awaitReady(consoleC, 1);
        assertEquals(2, root(second).getLong("boots"));
        assertEquals("1", disk(second, "vdb").get("fresh"));

        // The source AMI goes away completely; the captured one still boots, counter continuing.
        lv.instances().terminate(List.of(c.instanceId()));
        assertCode(ErrorCode.INVALID_VOLUME_ID_NOT_FOUND, () -> lv.volumeService().require(vol.volumeId()));
        lv.images().deregister(source.imageId(), lv.volumes()::anyFromImage);
        assertTrue(lv.images().find(source.imageId()).isEmpty(), "source AMI's files removed");
        assertTrue(lv.libvirt().pools().volumes(host.config().poolName()).stream()
                .noneMatch(v -> v.startsWith(source.imageId())));
        Instance d = lv.instances().run(new RunRequest(captured.imageId(), "t2.micro", 1, 1,
                Optional.of(IoProfile.VIRTIO))).instances().get(0);
        assertEquals(2, root(awaitReady(new ConsoleLog(Path.of(d.consoleLog())), 1)).getLong("boots"),
                "the captured root continues the source's boot counter (the guest counts boots=N+1 at boot)");
        lv.instances().terminate(List.of(d.instanceId()));
    }

    private static GuestLine root(List<GuestLine> boot) {
        return boot.stream().filter(l -> l.kind().equals("LABVISOR-ROOT")).findFirst()
                .orElseThrow(() -> new AssertionError("no ROOT line: " + boot));
    }

    private static CreateRequest gp3(int size, Optional<Integer> iops) {
        return new CreateRequest(size, "gp3", iops, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Waits for the {@code n}th READY line; returns the lines of that boot. */
    private static List<GuestLine> awaitReady(ConsoleLog console, int n) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (true) {
            List<GuestLine> lines = console.lines();
            int ready = 0;
            int lastBoot = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).kind().equals(GuestLine.BOOT)) {
                    lastBoot = i;
                }
                if (lines.get(i).kind().equals(GuestLine.READY)) {
                    ready++;
                }
            }
            if (ready >= n) {
                return lines.subList(lastBoot, lines.size());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no READY #" + n + "; console:\n" + console.tail());
            }
            Thread.sleep(200);
        }
    }

    private static GuestLine disk(List<GuestLine> boot, String name) {
        return boot.stream().filter(l -> l.kind().equals("LABVISOR-DISK") && name.equals(l.fields().get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " DISK line: " + boot));
    }

    private static void awaitState(Labvisor lv, String id, InstanceState want) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (lv.instances().require(id).state() != want) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " is " + lv.instances().require(id).state() + ", not " + want);
            }
            Thread.sleep(100);
        }
    }

    private static void assertCode(ErrorCode code, Executable call) {
        assertEquals(code, assertThrows(Ec2Exception.class, call).code());
    }
}
