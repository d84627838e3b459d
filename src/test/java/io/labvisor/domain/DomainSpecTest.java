package io.labvisor.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The builder refuses what libvirt or QEMU would refuse later, with a clearer message. */
class DomainSpecTest {

    private static DomainSpec.Builder valid() {
        return DomainSpec.builder(DomainType.QEMU, "i-1").memoryMiB(256).vcpus(2);
    }

    private static void assertRejected(DomainSpec.Builder builder) {
        assertThrows(IllegalArgumentException.class, builder::build);
    }

    @Test
    void rejectsBadScalars() {
        assertRejected(valid().name(null));
        assertRejected(valid().name(""));
        assertRejected(valid().name("a/b"));
        assertRejected(valid().type(null));
        assertRejected(valid().memoryMiB(-1));
        assertRejected(valid().memoryMiB(0));
        assertRejected(valid().vcpus(0));
        assertRejected(valid().iothreads(-1));
        assertRejected(valid().uuid("1234"));
        assertRejected(valid().title("two\nlines"));
        assertRejected(valid().machine("q35 --evil"));
        assertRejected(valid().os(null));
    }

    @Test
    void rejectsTopologyThatDoesNotAddUp() {
        assertRejected(valid().cpu(Cpu.maximum().withTopology(1, 3, 1)));
        assertEquals(2, valid().cpu(Cpu.maximum().withTopology(2, 1, 1)).build().vcpus());
    }

    @Test
    void rejectsPinsAndThreadsThatDoNotExist() {
        assertRejected(valid().cpuTune(CpuTune.builder().pinVcpu(2, "0").build()));
        assertRejected(valid().cpuTune(CpuTune.builder().pinIothread(1, "0").build()));
        assertRejected(valid().addDisk(Disk.builder(new DiskSource.File("/v"), "vda").iothread(1).build()));
        assertRejected(valid().addController(new Controller(Controller.Type.SCSI, 0, "virtio-scsi", 2))
                .iothreads(1));
    }

    @Test
    void vhostUserNeedsSharedMemory() {
        Disk vhostDisk = Disk.builder(new DiskSource.VhostUser("/run/s.sock", null), "vda").build();
        Interface vhostNic = Interface.builder(new InterfaceSource.VhostUser("/run/n.sock",
                InterfaceSource.VhostUser.Mode.CLIENT)).model(Interface.Model.VIRTIO).build();
        assertRejected(valid().addDisk(vhostDisk));
        assertRejected(valid().addInterface(vhostNic));
        assertRejected(valid().addDisk(vhostDisk).memoryBacking(
                new MemoryBacking(MemoryBacking.Source.MEMFD, MemoryBacking.Access.PRIVATE)));
        valid().addDisk(vhostDisk).addInterface(vhostNic).memoryBacking(MemoryBacking.sharedMemfd()).build();
    }

    @Test
    void rejectsDuplicatesAndBootConflicts() {
        Disk vda = Disk.builder(new DiskSource.File("/a"), "vda").bootOrder(1).build();
        Disk vdaAgain = Disk.builder(new DiskSource.File("/b"), "vda").build();
        Disk vdb = Disk.builder(new DiskSource.File("/b"), "vdb").bootOrder(1).build();
        assertRejected(valid().addDisk(vda).addDisk(vdaAgain));
        assertRejected(valid().addDisk(vda).addDisk(vdb));
        assertRejected(valid().addDisk(vda).os(Os.bootFrom(Os.BootDevice.HD)));
        Interface nic = Interface.builder(new InterfaceSource.Network("n")).mac("52:54:00:00:00:01").build();
        assertRejected(valid().addInterface(nic).addInterface(nic));
        assertRejected(valid().addDisk(vdaAgain.toBuilder().alias("ua-x").build())
                .addInterface(nic.toBuilder().alias("ua-x").build()));
        assertRejected(valid().addFwCfg(FwCfgEntry.userData("/a")).addFwCfg(FwCfgEntry.userData("/b")));
    }

    @Test
    void smbiosUuidMustMatchTheDomain() {
        SmbiosSysinfo smbios = new SmbiosSysinfo(new SmbiosSysinfo.SystemInfo(null, null, null, null,
                "11111111-1111-1111-1111-111111111111"), null);
        assertRejected(valid().uuid("22222222-2222-2222-2222-222222222222").smbios(smbios));
        valid().uuid("11111111-1111-1111-1111-111111111111").smbios(smbios).build();
    }

    @Test
    void toBuilderCopiesEverything() {
        for (DomainSpec spec : DomainFixtures.all()) {
            assertEquals(spec, spec.toBuilder().build());
        }
    }
}
