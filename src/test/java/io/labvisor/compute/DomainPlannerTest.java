package io.labvisor.compute;

import io.labvisor.accel.Accelerator;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.domain.Bandwidth;
import io.labvisor.domain.Disk;
import io.labvisor.domain.DiskSource;
import io.labvisor.domain.DomainSpec;
import io.labvisor.domain.DomainXml;
import io.labvisor.domain.Interface;
import io.labvisor.domain.InterfaceSource;
import io.labvisor.domain.MemoryBacking;
import io.labvisor.host.HostPartition;
import io.labvisor.image.BootMode;
import io.labvisor.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DomainPlannerTest {
    private static final String SOCKET = "/run/labvisor/cards/i-0123456789abcdef0/vol-0123456789abcdef0.sock";
    private static final String NIC_SOCKET = "/run/labvisor/cards/i-0123456789abcdef0/eni0.sock";
    private final InstanceTypeCatalog catalog = InstanceTypeCatalog.builtIn();
    private final DomainPlanner planner = new DomainPlanner(HostPartition.defaults(4, 16384));

    @TempDir
    Path dir;

    private LaunchPlan plan(String type, IoProfile profile) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        var t = catalog.require(type);
        Instance i = new Instance("i-0123456789abcdef0", "r-0123456789abcdef0", "ami-0123456789abcdef0", type, 0,
                InstanceState.PENDING, null, now, now, t.memoryMiB(), t.vcpus(), "tcg", profile,
                "02:00:00:00:00:01", Optional.empty(), "labvisor-default", "/var/lib/labvisor/console/i.log");
        Image image = new Image("ami-0123456789abcdef0", "tiny", "", "x86_64", BootMode.DIRECT_KERNEL,
                "console=ttyS0", "/dev/xvda", Optional.of("k"), Optional.of("r"), "root", 1, List.of(), "0",
                Image.ImageState.AVAILABLE, now);
        return new LaunchPlan(i, t, image, Accelerator.TCG, Optional.of("/pool/vmlinuz"), Optional.of("/pool/initrd"),
                "vol-0123456789abcdef0", "/pool/vol-0123456789abcdef0.qcow2", Optional.empty(), "labvisor-default",
                "/tmp/console.log",
                profile == IoProfile.NITRO ? Optional.of(SOCKET) : Optional.empty(),
                profile == IoProfile.NITRO ? Optional.of(NIC_SOCKET) : Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    @Test
    void nitroNicIsTheNetworkCardsVhostUserSocketAndKeepsTheInstanceMac() {
        DomainSpec d = planner.plan(plan("t3.micro", IoProfile.NITRO));
        Interface nic = d.interfaces().get(0);
        InterfaceSource.VhostUser source = assertInstanceOf(InterfaceSource.VhostUser.class, nic.source());
        assertEquals(NIC_SOCKET, source.socketPath());
        assertEquals(InterfaceSource.VhostUser.Mode.CLIENT, source.mode());
        assertEquals(DomainPlanner.NIC_RECONNECT_SECONDS, source.reconnectSeconds());
        assertEquals(Interface.Model.VIRTIO, nic.model());
        assertEquals("02:00:00:00:00:01", nic.mac());
        String xml = io.labvisor.domain.DomainXml.write(d);
        assertTrue(xml.contains("<reconnect enabled=\"yes\" timeout=\"" + DomainPlanner.NIC_RECONNECT_SECONDS + "\"/>"),
                xml);
    }

    @Test
    void nitroNicWithoutACardSocketIsServedByTheKernelsVhostNet() {
        LaunchPlan p = plan("t3.micro", IoProfile.NITRO);
        LaunchPlan kernelCard = new LaunchPlan(p.instance(), p.type(), p.image(), p.accel(), p.kernelPath(),
                p.ramdiskPath(), p.rootVolumeId(), p.rootVolumePath(), p.instanceStorePath(), p.networkName(),
                p.consoleLogPath(), p.rootCardSocket(), Optional.empty(), p.userDataFile(), p.nicFilter(), p.dataDisks());
        DomainSpec d = planner.plan(kernelCard);
        Interface nic = d.interfaces().get(0);
        assertInstanceOf(InterfaceSource.Network.class, nic.source());
        assertEquals(Interface.Model.VIRTIO, nic.model());
        assertEquals(Interface.DriverName.VHOST, nic.driverName());
        assertTrue(io.labvisor.domain.DomainXml.write(d).contains("<driver name=\"vhost\"/>"));
        // the storage card still serves the root disk
        assertInstanceOf(io.labvisor.domain.DiskSource.VhostUser.class, d.disks().get(0).source());
        assertPassesLibvirtsSchema(d, "t3.micro-nitro-vhost-net");
    }

    @Test
    void userDataGoesToTheGuestOverFwCfg() {
        LaunchPlan p = plan("t3.micro", IoProfile.VIRTIO);
        DomainSpec d = planner.plan(new LaunchPlan(p.instance(), p.type(), p.image(), p.accel(), p.kernelPath(),
                p.ramdiskPath(), p.rootVolumeId(), p.rootVolumePath(), p.instanceStorePath(), p.networkName(),
                p.consoleLogPath(), p.rootCardSocket(), p.nicCardSocket(), Optional.of("/var/lib/lv/i/user-data"),
                Optional.empty(), List.of()));
        assertEquals(List.of(io.labvisor.domain.FwCfgEntry.userData("/var/lib/lv/i/user-data")), d.fwCfg());
    }

    @Test
    void tapNicIsLimitedToTheTypesNetworkBandwidth() {
        // t3.micro: 0.064 Gbit/s baseline, up to 5 Gbit/s: 64e6 / 8 / 1024 = 7812 KiB/s, 5e9 / 8 / 1024 = 610351 KiB/s;
        // the burst bucket is one second at peak, capped at a minute of baseline (7812 * 60 = 468720 KiB)
        Bandwidth.Rate burstable = Bandwidth.Rate.of(7812, 610351, 468720);
        assertEquals(new Bandwidth(burstable, burstable),
                planner.plan(plan("t3.micro", IoProfile.VIRTIO)).interfaces().get(0).bandwidth());
        // c5.xlarge: 1.25 up to 10 Gbit/s: one second at peak is below a minute of baseline
        Bandwidth.Rate c5 = Bandwidth.Rate.of(152587, 1220703, 1220703);
        assertEquals(new Bandwidth(c5, c5), planner.plan(plan("c5.xlarge", IoProfile.VIRTIO)).interfaces().get(0).bandwidth());
        // emulated profile too (m4.large: 0.45 up to 1.2 Gbit/s)
        Bandwidth m4 = planner.plan(plan("m4.large", IoProfile.EMULATED)).interfaces().get(0).bandwidth();
        assertEquals(Bandwidth.Rate.of(54931, 146484, 146484), m4.inbound());
        String xml = DomainXml.write(planner.plan(plan("t3.micro", IoProfile.VIRTIO)));
        assertTrue(xml.contains("<inbound average=\"7812\" burst=\"468720\" peak=\"610351\"/>")
                || xml.contains("<inbound average=\"7812\" peak=\"610351\" burst=\"468720\"/>"), xml);
        assertNull(planner.plan(plan("t3.micro", IoProfile.NITRO)).interfaces().get(0).bandwidth(),
                "vhost-user NIC: libvirt cannot shape it");
    }

    @Test
    void fixedRateTypeHasNoBurst() {
        // m5.8xlarge: 10 Gbit/s, no "up to"
        Bandwidth.Rate flat = Bandwidth.Rate.of(1220703);
        assertEquals(new Bandwidth(flat, flat), NicBandwidth.of(catalog.require("m5.8xlarge")));
    }

    @Test
    void nitroRootDiskIsTheStorageCardsVhostUserSocketOnSharedMemory() {
        DomainSpec d = planner.plan(plan("t3.micro", IoProfile.NITRO));
        Disk root = d.disks().get(0);
        DiskSource.VhostUser source = assertInstanceOf(DiskSource.VhostUser.class, root.source());
        assertEquals(SOCKET, source.socketPath());
        assertEquals(DomainPlanner.CARD_RECONNECT_SECONDS, source.reconnectSeconds());
        assertEquals("vda", root.targetDev());
        assertEquals(Disk.Bus.VIRTIO, root.bus());
        assertEquals(MemoryBacking.sharedMemfd(), d.memoryBacking());
    }

    @Test
    void everyProfileIsPinnedToThePartition() {
        for (IoProfile profile : IoProfile.values()) {
            DomainSpec d = planner.plan(plan("c5.xlarge", profile));
            assertEquals("0", d.cpuTune().emulatorPin(), profile.label());
            assertEquals(4, d.cpuTune().vcpuPins().size());
            d.cpuTune().vcpuPins().forEach(p -> assertEquals("1-3", p.cpuset()));
        }
        assertNull(planner.plan(plan("t3.micro", IoProfile.VIRTIO)).memoryBacking(), "no shared memory needed");
    }

    @Test
    void defaultProfileFollowsTheHypervisorGeneration() {
        assertEquals(IoProfile.EMULATED, IoProfile.defaultFor(catalog.require("t2.micro").hypervisor()));
        assertEquals(IoProfile.EMULATED, IoProfile.defaultFor(catalog.require("m4.large").hypervisor()));
        assertEquals(IoProfile.NITRO, IoProfile.defaultFor(catalog.require("t3.micro").hypervisor()));
        assertEquals(IoProfile.NITRO, IoProfile.defaultFor(catalog.require("c5.large").hypervisor()));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"t3.micro,NITRO", "t3.micro,VIRTIO", "t2.micro,EMULATED",
            "c5.xlarge,NITRO", "m4.large,EMULATED"})
    void everyPlannedDomainPassesLibvirtsSchema(String type, IoProfile profile) throws Exception {
        assertPassesLibvirtsSchema(planner.plan(plan(type, profile)), type + "-" + profile);
    }

    private void assertPassesLibvirtsSchema(DomainSpec d, String name) {
        Path validator = Path.of("/usr/bin/virt-xml-validate");
        assumeTrue(Files.isExecutable(validator), "virt-xml-validate is not installed");
        String xml = DomainXml.write(d);
        try {
            Path file = dir.resolve(name + ".xml");
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(validator.toString(), file.toString(), "domain").redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            assertEquals(0, p.exitValue(), out + "\n" + xml);
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
