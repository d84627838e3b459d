package io.labvisor.compute;

import io.labvisor.accel.Accelerator;
import io.labvisor.catalog.InstanceType;
import io.labvisor.domain.Controller;
import io.labvisor.domain.Cpu;
import io.labvisor.domain.CpuTune;
import io.labvisor.domain.MemoryBacking;
import io.labvisor.domain.Disk;
import io.labvisor.domain.DiskSource;
import io.labvisor.domain.DomainSpec;
import io.labvisor.domain.DomainType;
import io.labvisor.domain.FwCfgEntry;
import io.labvisor.domain.Interface;
import io.labvisor.domain.InterfaceSource;
import io.labvisor.domain.LabvisorMetadata;
import io.labvisor.domain.LifecycleAction;
import io.labvisor.domain.Os;
import io.labvisor.domain.Rng;
import io.labvisor.domain.SerialConsole;
import io.labvisor.domain.SmbiosSysinfo;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.host.HostPartition;
import io.labvisor.image.BootMode;
import io.labvisor.virtxml.DiskFormat;

import java.util.List;

/**
 * Turns an instance type and an AMI into a libvirt domain: pure, no libvirt calls, so every decision here is
 * unit-tested and can be shown to a student as-is.
 *
 * <ul>
 * <li>vCPUs and memory come from the type; the CPU topology mirrors the type's cores and threads per core.</li>
 * <li>The AMI's kernel and ramdisk boot directly; its root volume overlay is the first disk, the instance store
 * (types that have one) the second.</li>
 * <li>DMI carries the instance type (product name) and instance id (baseboard asset tag), as EC2's Nitro
 * hypervisor does, so a guest can tell what it is without a network.</li>
 * <li>The I/O profile picks device models: virtio with QEMU's own backends, or fully emulated SATA and e1000
 * handled in QEMU's main loop, or (nitro) the root disk served by the instance's storage card process over
 * vhost-user.</li>
 * <li>Every domain is pinned to the host partition: vCPUs to the instance CPUs, QEMU's emulator threads to the
 * card CPUs.</li>
 * </ul>
 */
public final class DomainPlanner {
    /** SMBIOS vendor shown to guests. */
    public static final String VENDOR = "labvisor";
    /** Seconds between QEMU's attempts to reach a restarted card (storage or network). */
    public static final int CARD_RECONNECT_SECONDS = 10;
    /**
     * The same for the network card, shorter: a guest offline is seen by its peers (the time QEMU waits is most of
     * the outage after a card restart, measured ~12 s at 10), and a retry is only a connect() on a unix socket.
     */
    public static final int NIC_RECONNECT_SECONDS = 2;

    private final HostPartition partition;

    private final boolean shapeNics;

    public DomainPlanner(HostPartition partition) {
        this(partition, true);
    }

    /** @param shapeNics whether the host kernel can apply libvirt's {@code <bandwidth>} ({@link TrafficShaping}) */
    public DomainPlanner(HostPartition partition, boolean shapeNics) {
        this.partition = partition;
        this.shapeNics = shapeNics;
    }

    public DomainSpec plan(LaunchPlan p) {
        Instance i = p.instance();
        InstanceType type = p.type();
        boolean nitro = i.ioProfile() == IoProfile.NITRO;
        if (nitro && p.rootCardSocket().isEmpty()) {
            throw new Ec2Exception(ErrorCode.INTERNAL_ERROR, "nitro instance " + i.instanceId()
                    + " planned without its storage card socket");
        }
        boolean emulated = i.ioProfile() == IoProfile.EMULATED;
        DomainSpec.Builder d = DomainSpec.builder(domainType(p.accel()), i.instanceId())
                .title(type.name() + " from " + p.image().imageId())
                .memoryMiB(type.memoryMiB())
                .vcpus(type.vcpus())
                .machine("q35")
                .cpu(cpu(p.accel()).withTopology(1, type.vcpus() / type.threadsPerCore(), type.threadsPerCore()))
                .os(os(p))
                .onPoweroff(LifecycleAction.DESTROY)
                .onReboot(LifecycleAction.RESTART)
                .onCrash(LifecycleAction.DESTROY)
                .smbios(new SmbiosSysinfo(
                        new SmbiosSysinfo.SystemInfo(VENDOR, type.name(), "1.0", i.instanceId(), null),
                        new SmbiosSysinfo.BaseBoard(VENDOR, type.name(), i.instanceId())))
                .metadata(new LabvisorMetadata(i.instanceId(), type.name(), p.image().imageId(),
                        i.ioProfile().label(), i.launchTime().toString(), List.of()))
                .serial(new SerialConsole(p.consoleLogPath()))
                .rng(Rng.urandom())
                // EC2 instances have no USB; libvirt would add an xHCI controller (and a root port for it) that
                // the guest only spends boot time enumerating
                .addController(Controller.of(Controller.Type.USB, 0, "none"))
                .cpuTune(pinning(type.vcpus()));
        p.userDataFile().ifPresent(file -> d.addFwCfg(FwCfgEntry.userData(file)));
        if (nitro) {
            // The storage card maps guest RAM to run the virtqueues itself: it must be shareable.
            d.memoryBacking(MemoryBacking.sharedMemfd());
            d.addDisk(Disk.builder(new DiskSource.VhostUser(p.rootCardSocket().get(), CARD_RECONNECT_SECONDS), "vda")
                    .bootOrder(p.image().bootMode() == BootMode.DISK ? 1 : null)
                    .alias("ua-" + p.rootVolumeId())
                    .build());
        } else {
            d.addDisk(rootFileDisk(p, emulated));
        }
        p.instanceStorePath().ifPresent(path -> d.addDisk(
                Disk.builder(new DiskSource.File(path), emulated ? "sdb" : "vdb")
                        .format(DiskFormat.RAW)
                        .bus(emulated ? Disk.Bus.SATA : Disk.Bus.VIRTIO)
                        .alias("ua-ephemeral0")
                        .build()));
        p.dataDisks().forEach(d::addDisk);
        if (nitro && p.nicCardSocket().isPresent()) {
            // The network card serves the virtio-net queues from shared guest RAM (above); QEMU only connects to
            // its socket, and reconnects to a restarted card. No bandwidth or filterref here: there is no host tap
            // of QEMU's for libvirt to shape or filter (it ignores them on vhostuser), the card owns the data path,
            // so the type's network bandwidth is not enforced on nitro NICs (explain says so).
            d.addInterface(Interface.builder(new InterfaceSource.VhostUser(p.nicCardSocket().get(),
                            InterfaceSource.VhostUser.Mode.CLIENT, NIC_RECONNECT_SECONDS))
                    .mac(i.mac())
                    .model(Interface.Model.VIRTIO)
                    .alias("ua-eni0")
                    .build());
        } else {
            d.addInterface(Interface.builder(new InterfaceSource.Network(p.networkName()))
                    .mac(i.mac())
                    .model(emulated ? Interface.Model.E1000 : Interface.Model.VIRTIO)
                    // virtio: the virtio-net backend stays in QEMU (no vhost), whatever the host offers; nitro
                    // without a card socket: the kernel's vhost-net worker is the network card (/dev/vhost-net)
                    .driverName(emulated ? null : nitro ? Interface.DriverName.VHOST : Interface.DriverName.QEMU)
                    .alias("ua-eni0")
                    .bandwidth(shapeNics ? NicBandwidth.of(type) : null)
                    .filterRef(p.nicFilter().orElse(null))
                    .build());
        }
        return d.build();
    }

    /** Every vCPU on the instance CPUs; QEMU's main loop and other emulator threads on the card CPUs. */
    private CpuTune pinning(int vcpus) {
        CpuTune.Builder t = CpuTune.builder().pinEmulator(partition.cardCpus().toString());
        for (int v = 0; v < vcpus; v++) {
            t.pinVcpu(v, partition.instanceCpus().toString());
        }
        return t.build();
    }

    private static Disk rootFileDisk(LaunchPlan p, boolean emulated) {
        return Disk.builder(new DiskSource.File(p.rootVolumePath()), emulated ? "sda" : "vda")
                .format(DiskFormat.QCOW2)
                .bus(emulated ? Disk.Bus.SATA : Disk.Bus.VIRTIO)
                .serial(p.rootVolumeId().replace("-", ""))
                .bootOrder(p.image().bootMode() == BootMode.DISK ? 1 : null)
                .alias("ua-" + p.rootVolumeId())
                .build();
    }

    /** A disk-less, NIC-less guest that only has to reach its boot marker (the acceleration probe). */
    public DomainSpec probe(String name, String kernel, String ramdisk, String cmdline, String consoleLog) {
        return DomainSpec.builder(DomainType.KVM, name)
                .memoryMiB(256)
                .vcpus(1)
                .machine("q35")
                .cpu(Cpu.hostPassthrough())
                .os(Os.directKernel(kernel, ramdisk, cmdline))
                .onPoweroff(LifecycleAction.DESTROY)
                .onReboot(LifecycleAction.DESTROY)
                .onCrash(LifecycleAction.DESTROY)
                .serial(new SerialConsole(consoleLog))
                .build();
    }

    private static Os os(LaunchPlan p) {
        if (p.image().bootMode() == BootMode.DIRECT_KERNEL) {
            return Os.directKernel(p.kernelPath().orElseThrow(), p.ramdiskPath().orElseThrow(),
                    p.image().kernelCmdline());
        }
        return Os.defaults();
    }

    private static DomainType domainType(Accelerator a) {
        return a == Accelerator.KVM ? DomainType.KVM : DomainType.QEMU;
    }

    /** KVM passes the host CPU through; TCG emulates the baseline x86-64 model, which every kernel runs on. */
    private static Cpu cpu(Accelerator a) {
        return a == Accelerator.KVM ? Cpu.hostPassthrough() : Cpu.custom("qemu64");
    }
}
