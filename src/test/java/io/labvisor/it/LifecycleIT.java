package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.InstanceStatus;
import io.labvisor.compute.RunRequest;
import io.labvisor.compute.StateChange;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.Image;
import io.labvisor.virt.Domains;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4's lifecycle with one real guest of a type with an instance store (c5d.large): reboot keeps both disks'
 * data, stop/start keeps the root volume's and gives a new empty instance store, a stopped instance can be
 * resized and its start re-checks capacity, and illegal moves change nothing. What the guest wrote is read back
 * from its own console lines: ROOT boots=N (a counter the guest keeps in its root volume) and DISK mark=...
 * (a random mark the guest writes into an empty instance store's first sector).
 */
class LifecycleIT {
    private static final Duration BOOT = Duration.ofMinutes(4);
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
    void stopStartRebootResizeAndTheirRules() throws Exception {
        Labvisor lv = host.labvisor();
        Instance launched = lv.instances().run(RunRequest.of(ami.imageId(), "c5d.large", 1)).instances().get(0);
        String id = launched.instanceId();
        ConsoleLog console = new ConsoleLog(Path.of(launched.consoleLog()));

        List<GuestLine> firstBoot = awaitBoots(console, 1);
        assertEquals(1, root(firstBoot).getLong("boots"), "new root volume");
        GuestLine store = disk(firstBoot);
        assertEquals("1", store.get("fresh"), "instance store starts empty");
        String mark = store.get("mark");
        awaitState(lv, id, InstanceState.RUNNING);
        assertEquals(InstanceStatus.Check.OK, awaitStatus(lv, id, InstanceStatus.Check.OK));

        // Illegal while running: nothing moves.
        assertCode(ErrorCode.INCORRECT_INSTANCE_STATE, () -> lv.instances().start(List.of(id)));
        assertCode(ErrorCode.INCORRECT_INSTANCE_STATE, () -> lv.instances().modifyInstanceType(id, "m5d.large"));
        assertCode(ErrorCode.INVALID_INSTANCE_ID_NOT_FOUND,
                () -> lv.instances().stop(List.of(id, "i-0000000000000dead"), false));
        assertEquals(InstanceState.RUNNING, lv.instances().require(id).state(), "unknown id stopped nothing");
        assertEquals("c5d.large", lv.instances().require(id).instanceType());

        // Reboot: same QEMU process, both disks keep their data, the instance stays running.
        lv.instances().reboot(List.of(id));
        List<GuestLine> secondBoot = awaitBoots(console, 2);
        assertEquals(2, root(secondBoot).getLong("boots"));
        assertEquals(mark, disk(secondBoot).get("mark"), "instance store kept its data across reboot");
        assertEquals("0", disk(secondBoot).get("fresh"));
        assertEquals(InstanceState.RUNNING, lv.instances().require(id).state());

        // Stop (graceful): stopping reported, stopped once libvirt says so; domain and root volume stay.
        List<StateChange> stopped = lv.instances().stop(List.of(id), false);
        assertEquals(List.of(new StateChange(id, InstanceState.RUNNING, InstanceState.STOPPING)), stopped);
        awaitState(lv, id, InstanceState.STOPPED);
        assertEquals(Domains.PowerState.SHUTOFF, lv.libvirt().domains().state(id).orElseThrow(), "still defined");
        assertTrue(lv.libvirt().domains().activeUsage().stream().noneMatch(u -> u.name().equals(id)),
                "a stopped instance holds no host memory");
        assertTrue(console.tail().contains("LABVISOR-POWEROFF reason=acpi"), "graceful: the guest powered off");
        List<String> pool = lv.libvirt().pools().volumes(host.config().poolName());
        assertTrue(pool.stream().noneMatch(v -> v.startsWith(id)), "instance store deleted on stop: " + pool);
        assertEquals(1, lv.volumes().attachedTo(id).size(), "root volume kept");
        assertEquals(List.of(new StateChange(id, InstanceState.STOPPED, InstanceState.STOPPED)),
                lv.instances().stop(List.of(id), false), "stopping a stopped instance changes nothing");
        assertEquals(InstanceStatus.Check.NOT_APPLICABLE,
                lv.instances().statuses(List.of(id), true, List.of()).get(0).check());
        assertTrue(lv.instances().statuses(List.of(id), false, List.of()).isEmpty(), "only running ones by default");

        // Illegal while stopped, bad parameters.
        assertCode(ErrorCode.INCORRECT_INSTANCE_STATE, () -> lv.instances().reboot(List.of(id)));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> lv.instances().modifyInstanceType(id, "x9.huge"));

        // A start re-checks capacity: a type larger than the host leaves it stopped.
        lv.instances().modifyInstanceType(id, "r5.24xlarge");
        assertCode(ErrorCode.INSUFFICIENT_INSTANCE_CAPACITY, () -> lv.instances().start(List.of(id)));
        assertEquals(InstanceState.STOPPED, lv.instances().require(id).state());

        // Resize and start: pending, then running on libvirt's STARTED event, as the new type.
        lv.instances().modifyInstanceType(id, "m5d.large");
        assertEquals(List.of(new StateChange(id, InstanceState.STOPPED, InstanceState.PENDING)),
                lv.instances().start(List.of(id)));
        List<GuestLine> thirdBoot = awaitBoots(console, 1);
        awaitState(lv, id, InstanceState.RUNNING);
        GuestLine boot = thirdBoot.stream().filter(l -> l.kind().equals(GuestLine.BOOT)).findFirst().orElseThrow();
        assertEquals("m5d.large", boot.get("product"));
        assertEquals(8192, boot.getLong("mem_online_mib"));
        assertEquals(3, root(thirdBoot).getLong("boots"), "root volume data survived stop/start");
        assertEquals("1", disk(thirdBoot).get("fresh"), "a new empty instance store after stop/start");
        assertNotEquals(mark, disk(thirdBoot).get("mark"));

        // Force stop, then terminate from stopped: no domain, no instance store left.
        lv.instances().stop(List.of(id), true);
        awaitState(lv, id, InstanceState.STOPPED);
        assertFalse(console.tail().contains("LABVISOR-POWEROFF"), "--force skips the guest's shutdown");
        lv.instances().terminate(List.of(id));
        assertEquals(InstanceState.TERMINATED, lv.instances().require(id).state());
        assertTrue(lv.libvirt().domains().state(id).isEmpty());
        assertCode(ErrorCode.INCORRECT_INSTANCE_STATE, () -> lv.instances().stop(List.of(id), false));
        assertCode(ErrorCode.INCORRECT_INSTANCE_STATE, () -> lv.instances().start(List.of(id)));
        assertTrue(lv.libvirt().pools().volumes(host.config().poolName()).stream().noneMatch(v -> v.startsWith(id)));
    }

    /** Waits until the console holds {@code boots} complete boots (up to the DISK line); returns the last one. */
    private static List<GuestLine> awaitBoots(ConsoleLog console, int boots) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (true) {
            List<GuestLine> lines = console.lines();
            int starts = 0;
            int last = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).kind().equals(GuestLine.BOOT)) {
                    starts++;
                    last = i;
                }
            }
            List<GuestLine> latest = lines.subList(last, lines.size());
            if (starts >= boots && latest.stream().anyMatch(l -> l.kind().equals("LABVISOR-DISK"))) {
                return latest;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no boot " + boots + " with a DISK line; console:\n" + console.tail());
            }
            Thread.sleep(100);
        }
    }

    private static GuestLine root(List<GuestLine> boot) {
        return boot.stream().filter(l -> l.kind().equals("LABVISOR-ROOT")).findFirst().orElseThrow();
    }

    private static GuestLine disk(List<GuestLine> boot) {
        return boot.stream().filter(l -> l.kind().equals("LABVISOR-DISK") && "vdb".equals(l.fields().get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no vdb DISK line: " + boot));
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

    private static InstanceStatus.Check awaitStatus(Labvisor lv, String id, InstanceStatus.Check want)
            throws InterruptedException {
        long deadline = System.nanoTime() + BOOT.toNanos();
        InstanceStatus.Check now;
        while ((now = lv.instances().statuses(List.of(id), false, List.of()).get(0).check()) != want
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return now;
    }

    private static void assertCode(ErrorCode code, Executable call) {
        assertEquals(code, assertThrows(Ec2Exception.class, call).code());
    }
}
