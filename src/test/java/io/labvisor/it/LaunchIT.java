package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.catalog.InstanceType;
import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.Reservation;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.ec2.Filter;
import io.labvisor.image.Image;
import io.labvisor.volume.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 2's end-to-end slice: three instance types launched at once boot real guests that see their type. */
class LaunchIT {
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
    void threeTypesLaunchedAtOnceEachBootAndSeeTheirOwnVcpusAndMemory() throws Exception {
        Labvisor lv = host.labvisor();
        List<String> types = List.of("t2.micro", "t3.small", "c5.large");
        List<CompletableFuture<Reservation>> launches = types.stream()
                // each type's default I/O profile: t2 emulated, t3 and c5 nitro, whose two network cards poll the
                // one card CPU of a 2-CPU host at idle priority beside the booting guests' emulator threads
                .map(t -> CompletableFuture.supplyAsync(() -> lv.instances().run(RunRequest.of(ami.imageId(), t, 1))))
                .toList();
        List<Instance> instances = launches.stream().map(f -> f.join().instances().get(0)).toList();
        for (Instance i : instances) {
            assertEquals(i.instanceType().startsWith("t2.") ? IoProfile.EMULATED : IoProfile.NITRO, i.ioProfile(),
                    i.instanceType() + " default I/O profile");
        }

        awaitBootMarkers(instances);
        for (Instance i : instances) {
            InstanceType type = lv.catalog().require(i.instanceType());
            ConsoleLog console = new ConsoleLog(Path.of(i.consoleLog()));
            GuestLine boot = console.first(GuestLine.BOOT)
                    .orElseThrow(() -> new AssertionError(i.instanceId() + " (" + i.instanceType()
                            + ") printed no boot marker; console:\n" + console.tail()));
            assertEquals(type.vcpus(), boot.getLong("vcpus"), i.instanceType() + " vCPUs seen by the guest");
            assertEquals(type.memoryMiB(), boot.getLong("mem_online_mib"), i.instanceType() + " memory blocks online");
            long memTotalMiB = boot.getLong("memtotal_kb") / 1024;
            assertTrue(memTotalMiB <= type.memoryMiB() && memTotalMiB > type.memoryMiB() * 0.8,
                    i.instanceType() + " MemTotal " + memTotalMiB + " MiB for " + type.memoryMiB() + " MiB");
            assertEquals(type.name(), boot.get("product"), "DMI product name carries the instance type");
            assertEquals(i.instanceId(), boot.get("asset"), "DMI asset tag carries the instance id");
            // Default I/O profile by generation: Xen-era t2 gets emulated SATA, Nitro types a virtio-blk disk.
            String rootDriver = i.instanceType().startsWith("t2.") ? "ahci" : "virtio_blk";
            assertTrue(console.await(l -> l.kind().equals(GuestLine.DEV) && rootDriver.equals(l.fields().get("driver")),
                    Duration.ofMinutes(1)).isPresent(), i.instanceType() + " root volume on " + rootDriver);
        }

        // Instance state comes from libvirt's lifecycle events.
        List<String> ids = instances.stream().map(Instance::instanceId).toList();
        List<Instance> described = lv.instances().describe(ids,
                List.of(new Filter("instance-state-name", List.of("running"))));
        assertEquals(3, described.size(), "all three running: " + lv.instances().describe(ids, List.of()));

        List<Volume> roots = ids.stream().flatMap(id -> lv.volumes().attachedTo(id).stream()).toList();
        assertEquals(3, roots.size());
        lv.instances().terminate(ids);

        for (String id : ids) {
            assertTrue(lv.libvirt().domains().state(id).isEmpty(), id + " domain is gone");
            assertEquals(InstanceState.TERMINATED, lv.instances().require(id).state(), id + " stays visible as terminated");
        }
        List<String> poolVolumes = lv.libvirt().pools().volumes(host.config().poolName());
        for (Volume v : roots) {
            assertFalse(poolVolumes.contains(v.poolVolume()), v.poolVolume() + " overlay deleted");
        }
        assertTrue(poolVolumes.containsAll(ami.volumes()), "AMI volumes kept: " + poolVolumes);
        assertEquals(ami.imageId(), lv.images().require(ami.imageId()).imageId(), "AMI still available");
    }

    /** Watches all consoles at once, so each boot marker's time after launch is seen when it appears. */
    private static void awaitBootMarkers(List<Instance> instances) throws InterruptedException {
        Map<String, Instant> seen = new HashMap<>();
        Instant deadline = Instant.now().plus(BOOT_DEADLINE);
        while (seen.size() < instances.size() && Instant.now().isBefore(deadline)) {
            for (Instance i : instances) {
                if (!seen.containsKey(i.instanceId())
                        && new ConsoleLog(Path.of(i.consoleLog())).first(GuestLine.BOOT).isPresent()) {
                    seen.put(i.instanceId(), Instant.now());
                    System.out.printf("%s (%s, %s): boot marker %.1f s after launch%n", i.instanceId(),
                            i.instanceType(), i.ioProfile().label(),
                            Duration.between(i.launchTime(), Instant.now()).toMillis() / 1000.0);
                }
            }
            Thread.sleep(100);
        }
    }
}
