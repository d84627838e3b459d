package io.labvisor.virt.fake;

import io.labvisor.domain.DomainSpec;
import io.labvisor.domain.DomainType;
import io.labvisor.domain.DomainXml;
import io.labvisor.virt.DomainEvent;
import io.labvisor.virt.Domains.PowerState;
import io.labvisor.virt.VirtException;
import io.labvisor.virtxml.DiskFormat;
import io.labvisor.virtxml.StoragePoolSpec;
import io.labvisor.virtxml.StorageVolumeSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fake behaves as libvirt does where labvisor relies on it: states, events, refusals, injected failures. */
class FakeLibvirtHostTest {
    private final FakeLibvirtHost host = new FakeLibvirtHost();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    {
        host.events().subscribe((DomainEvent e) -> seen.add(e.domain() + " " + e.kind() + " " + e.detail()));
    }

    @AfterEach
    void close() {
        host.close();
    }

    private static String xml(String name) {
        return DomainXml.write(DomainSpec.builder(DomainType.QEMU, name).memoryMiB(512).vcpus(2).build());
    }

    private List<String> events() {
        host.settle();
        return List.copyOf(seen);
    }

    @Test
    void aDomainsLifeEmitsLibvirtsEvents() {
        FakeDomains d = host.domains();
        d.define(xml("i-1"));
        assertEquals(Optional.of(PowerState.SHUTOFF), d.state("i-1"));
        d.start("i-1");
        assertEquals(List.of(new io.labvisor.virt.Domains.Usage("i-1", 512, 2)), d.activeUsage());
        d.shutdown("i-1");
        d.start("i-1");
        d.destroyIfRunning("i-1");
        d.undefineIfDefined("i-1");
        assertEquals(Optional.empty(), d.state("i-1"));
        assertEquals(List.of("i-1 DEFINED ADDED", "i-1 STARTED BOOTED", "i-1 SHUTDOWN FINISHED",
                "i-1 STOPPED SHUTDOWN", "i-1 STARTED BOOTED", "i-1 STOPPED DESTROYED", "i-1 UNDEFINED REMOVED"),
                events());
    }

    @Test
    void refusesWhatLibvirtRefuses() {
        FakeDomains d = host.domains();
        d.define(xml("i-1"));
        String uuid = d.uuid("i-1").orElseThrow();
        d.define(xml("i-1")); // no UUID: the same domain, redefined
        assertEquals(Optional.of(uuid), d.uuid("i-1"));
        String other = DomainXml.write(DomainXml.parse(xml("i-1")).toBuilder()
                .uuid("00000000-0000-0000-0000-000000000001").build());
        assertThrows(VirtException.class, () -> d.define(other), "a name held by another UUID");
        d.start("i-1");
        assertThrows(VirtException.class, () -> d.start("i-1"), "already running");
        assertThrows(VirtException.class, () -> d.start("i-2"), "no such domain");
        d.undefineIfDefined("i-1");
        assertEquals(Optional.of(PowerState.RUNNING), d.state("i-1"), "undefined while running: transient");
        d.destroyIfRunning("i-1");
        assertEquals(Optional.empty(), d.state("i-1"), "a transient domain is gone once stopped");
    }

    @Test
    void aTestCanMakeTheNthCallFail() {
        FakeDomains d = host.domains();
        d.define(xml("i-1"));
        d.define(xml("i-2"));
        host.failNth(FakeCall.DOMAIN_START, 2);
        d.start("i-1");
        assertThrows(VirtException.class, () -> d.start("i-2"));
        assertEquals(Optional.of(PowerState.SHUTOFF), d.state("i-2"), "a failed call changes nothing");
        d.start("i-2");
        assertEquals(List.of("domain.define i-1", "domain.define i-2", "domain.start i-1",
                "domain.start i-2 (failed)", "domain.start i-2"), host.calls());
    }

    @Test
    void mutedChangesEmitNothing() {
        host.domains().define(xml("i-1"));
        host.mute(true);
        host.domains().start("i-1");
        host.domains().guestPowersOff("i-1");
        host.mute(false);
        assertEquals(List.of("i-1 DEFINED ADDED"), events());
        assertEquals(Optional.of(PowerState.SHUTOFF), host.domains().state("i-1"));
    }

    @Test
    void volumesLiveInTheirPoolAndOverlaysNeedTheirBacking() {
        FakeStoragePools pools = host.pools();
        assertThrows(VirtException.class, () -> pools.createVolume("p", StorageVolumeSpec.of("a", 1, DiskFormat.RAW)
                .toXml()), "no pool yet");
        pools.ensurePool("p", new StoragePoolSpec("p", "/pool/p", null).toXml());
        String base = pools.createVolume("p", StorageVolumeSpec.of("base.raw", 1 << 20, DiskFormat.RAW).toXml());
        assertEquals("/pool/p/base.raw", base);
        assertThrows(VirtException.class, () -> pools.createVolume("p",
                StorageVolumeSpec.overlay("o.qcow2", 1 << 20, "/pool/p/missing.raw", DiskFormat.RAW).toXml()));
        pools.createVolume("p", StorageVolumeSpec.overlay("o.qcow2", 1 << 20, base, DiskFormat.RAW).toXml());
        assertThrows(VirtException.class, () -> pools.createVolume("p",
                StorageVolumeSpec.of("base.raw", 1, DiskFormat.RAW).toXml()), "name in use");
        pools.deleteVolumeIfExists("p", "o.qcow2");
        pools.deleteVolumeIfExists("p", "o.qcow2");
        assertEquals(List.of("base.raw"), pools.volumes("p"));
        Boolean empty = pools.withTransientPool("staging", new StoragePoolSpec("staging", "/tmp/s", null).toXml(),
                name -> pools.volumes(name).isEmpty());
        assertTrue(empty);
        assertThrows(VirtException.class, () -> pools.volumes("staging"), "the transient pool is gone after");
    }
}
