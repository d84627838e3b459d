package io.labvisor.domain;

import io.labvisor.virtxml.DiskFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Representative domains labvisor defines, shared by the round-trip and schema tests. */
final class DomainFixtures {
    static final String UUID = "4c1c4b2e-8d8f-4e59-9a56-0d0b8f3b4a11";

    private DomainFixtures() {
    }

    static LabvisorMetadata metadata() {
        return new LabvisorMetadata("i-0123456789abcdef0", "t3.micro", "ami-0fedcba9876543210", "emulated",
                "2024-05-01T12:00:00Z", List.of(new LabvisorMetadata.Entry("Name", "web-1"),
                        new LabvisorMetadata.Entry("owner", "lab")));
    }

    /** TCG, direct kernel boot, virtio disk on a file, NIC on a libvirt network, serial log, DMI, user data. */
    static DomainSpec directKernelTcg() {
        return DomainSpec.builder(DomainType.QEMU, "i-0123456789abcdef0")
                .uuid(UUID)
                .title("t3.micro i-0123456789abcdef0")
                .description("labvisor instance")
                .metadata(metadata())
                .memoryMiB(1024)
                .vcpus(2)
                .machine("q35")
                .os(Os.directKernel("/var/lib/labvisor/images/ami-0fedcba9876543210/vmlinuz",
                        "/var/lib/labvisor/images/ami-0fedcba9876543210/initrd.img", "console=ttyS0 panic=-1"))
                .cpu(Cpu.maximum().withTopology(1, 2, 1))
                .smbios(new SmbiosSysinfo(
                        new SmbiosSysinfo.SystemInfo("labvisor", "t3.micro", "1.0", "ec2-0123", UUID),
                        new SmbiosSysinfo.BaseBoard("labvisor", "t3.micro", "i-0123456789abcdef0")))
                .addFwCfg(FwCfgEntry.userData("/var/lib/labvisor/instances/i-0123456789abcdef0/user-data"))
                .addDisk(Disk.builder(new DiskSource.File("/var/lib/labvisor/volumes/vol-0aaa.qcow2"), "vda")
                        .format(DiskFormat.QCOW2)
                        .serial("vol0aaa")
                        .alias("ua-vol-0aaa")
                        .build())
                .addInterface(Interface.builder(new InterfaceSource.Network("lv-vpc-1"))
                        .mac("52:54:00:12:34:56")
                        .model(Interface.Model.VIRTIO)
                        .alias("ua-eni-0aaa")
                        .build())
                .serial(new SerialConsole("/var/log/labvisor/i-0123456789abcdef0.console.log"))
                .rng(Rng.urandom())
                .build();
    }

    /** KVM with the Nitro-style offload: vhost-user disk and NIC, memfd shared memory, pinning, I/O threads. */
    static DomainSpec vhostUserOffload() {
        return DomainSpec.builder(DomainType.KVM, "i-0bbbbbbbbbbbbbbbb")
                .memoryMiB(2048)
                .vcpus(2)
                .iothreads(2)
                .machine("q35")
                .os(Os.bootFrom(Os.BootDevice.HD))
                .cpu(Cpu.hostPassthrough().withTopology(1, 1, 2))
                .memoryBacking(MemoryBacking.sharedMemfd())
                .cpuTune(CpuTune.builder().pinVcpu(0, "2").pinVcpu(1, "3").pinEmulator("0-1")
                        .pinIothread(1, "0").pinIothread(2, "1").build())
                .addDisk(Disk.builder(new DiskSource.VhostUser("/run/labvisor/vol-0bbb.sock", 10), "vda").build())
                .addDisk(Disk.builder(new DiskSource.File("/var/lib/labvisor/volumes/vol-0ccc.raw"), "vdb")
                        .cache(Disk.Cache.NONE).io(Disk.Io.NATIVE).discard(Disk.Discard.UNMAP).iothread(2).build())
                .addController(new Controller(Controller.Type.SCSI, 0, "virtio-scsi", 1))
                .addController(Controller.of(Controller.Type.USB, 0, "none"))
                .addInterface(Interface.builder(new InterfaceSource.VhostUser("/run/labvisor/eni-0bbb.sock",
                                InterfaceSource.VhostUser.Mode.CLIENT))
                        .mac("52:54:00:00:0b:01")
                        .model(Interface.Model.VIRTIO)
                        .queues(2)
                        .build())
                .serial(new SerialConsole("/var/log/labvisor/i-0bbbbbbbbbbbbbbbb.console.log"))
                .rng(Rng.urandom())
                .build();
    }

    /** An older-style emulated machine: i440fx, SATA root, IDE CD-ROM and disk, e1000 on a bridge. */
    static DomainSpec emulatedPc() {
        return DomainSpec.builder(DomainType.QEMU, "i-0cccccccccccccccc")
                .memoryMiB(512)
                .vcpus(1)
                .machine("pc")
                .cpu(Cpu.custom("qemu64"))
                .onReboot(LifecycleAction.DESTROY)
                .onCrash(LifecycleAction.PRESERVE)
                .addDisk(Disk.builder(new DiskSource.File("/var/lib/labvisor/volumes/root.qcow2"), "sda")
                        .bus(Disk.Bus.SATA).format(DiskFormat.QCOW2).bootOrder(1).build())
                .addDisk(Disk.builder(new DiskSource.Block("/dev/vg0/scratch"), "hda").bus(Disk.Bus.IDE).build())
                .addDisk(Disk.builder(null, "hdc").device(Disk.Device.CDROM).bus(Disk.Bus.IDE).readonly(true)
                        .build())
                .addInterface(Interface.builder(new InterfaceSource.Bridge("br0"))
                        .mac("52:54:00:0c:0c:01")
                        .model(Interface.Model.E1000)
                        .build())
                .serial(new SerialConsole(null))
                .build();
    }

    /** EBS-style throttling on a disk and security-group-style filtering and shaping on a NIC. */
    static DomainSpec throttled() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("IP", "172.31.0.5");
        params.put("CTRL_IP_LEARNING", "none");
        return DomainSpec.builder(DomainType.KVM, "i-0dddddddddddddddd")
                .memoryMiB(4096)
                .vcpus(4)
                .machine("q35")
                .cpu(Cpu.hostModel())
                .addDisk(Disk.builder(new DiskSource.File("/var/lib/labvisor/volumes/vol-0ddd.qcow2"), "vda")
                        .format(DiskFormat.QCOW2)
                        .ioTune(IoTune.builder().totalBytesSec(131_072_000).totalBytesSecMax(262_144_000)
                                .readIopsSec(3000).writeIopsSec(3000).readIopsSecMax(6000).build())
                        .alias("ua-vol-0ddd")
                        .build())
                .addInterface(Interface.builder(new InterfaceSource.Network("lv-vpc-1"))
                        .mac("52:54:00:0d:0d:01")
                        .model(Interface.Model.VIRTIO)
                        .driverName(Interface.DriverName.VHOST)
                        .queues(4)
                        .bandwidth(new Bandwidth(Bandwidth.Rate.of(62_500, 125_000, 1024),
                                Bandwidth.Rate.of(62_500)))
                        .filterRef(FilterRef.of("clean-traffic", params))
                        .targetDev("lvtap0")
                        .build())
                .addInterface(Interface.builder(new InterfaceSource.Ethernet())
                        .mac("52:54:00:0d:0d:02")
                        .model(Interface.Model.RTL8139)
                        .build())
                .build();
    }

    static List<DomainSpec> all() {
        return List.of(directKernelTcg(), vhostUserOffload(), emulatedPc(), throttled());
    }
}
