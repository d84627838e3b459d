package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything labvisor says about a libvirt domain. Build with {@link #builder}; write and read with
 * {@link DomainXml}. Optional components are null when unset; lists are never null. The constructor checks each
 * value and the rules between them that libvirt or QEMU would otherwise reject at define or start time.
 *
 * <p>Fixed choices, not modelled: the clock is UTC, the memory balloon is off ({@code model='none'}: memory is
 * what the instance type says), and {@code currentMemory} equals {@code memory}.
 *
 * @param type          kvm or qemu (required)
 * @param name          domain name (required; no '/')
 * @param uuid          optional; libvirt generates one when absent
 * @param title         optional one-line title
 * @param description   optional free text
 * @param metadata      optional labvisor record of the instance
 * @param memoryMiB     guest RAM, MiB (positive)
 * @param vcpus         vCPU count (positive)
 * @param iothreads     number of I/O threads (0 for none)
 * @param arch          optional guest architecture, e.g. {@code x86_64}
 * @param machine       optional machine type, e.g. {@code q35}, {@code pc}
 * @param os            boot configuration (required)
 * @param cpu           optional CPU model and topology
 * @param acpi          expose ACPI (needed for graceful shutdown)
 * @param apic          expose the APIC
 * @param onPoweroff    what to do when the guest powers off
 * @param onReboot      what to do when the guest reboots
 * @param onCrash       what to do when the guest crashes
 * @param memoryBacking optional; shared memory is required by vhost-user devices
 * @param cpuTune       optional host CPU pinning
 * @param smbios        optional DMI strings
 * @param fwCfg         fw_cfg files for the guest
 * @param disks         disks and CD-ROMs, in order
 * @param controllers   controllers asked for explicitly
 * @param interfaces    NICs, in order
 * @param serial        optional serial console
 * @param rng           optional virtio RNG
 */
public record DomainSpec(DomainType type, String name, String uuid, String title, String description,
        LabvisorMetadata metadata, long memoryMiB, int vcpus, int iothreads, String arch, String machine, Os os,
        Cpu cpu, boolean acpi, boolean apic, LifecycleAction onPoweroff, LifecycleAction onReboot,
        LifecycleAction onCrash, MemoryBacking memoryBacking, CpuTune cpuTune, SmbiosSysinfo smbios,
        List<FwCfgEntry> fwCfg, List<Disk> disks, List<Controller> controllers, List<Interface> interfaces,
        SerialConsole serial, Rng rng) {

    private static final Pattern MACHINE_OR_ARCH = Pattern.compile("[A-Za-z0-9_.-]+");

    public DomainSpec {
        Require.present(type, "domain type");
        Require.objectName(name, "domain name");
        uuid = uuid == null ? null : Require.uuid(uuid, "domain UUID");
        Require.singleLine(title, "title");
        Require.positive(memoryMiB, "memory (MiB)");
        Require.positive(vcpus, "vcpus");
        Require.nonNegative(iothreads, "iothreads");
        if (arch != null) {
            Require.matches(arch, MACHINE_OR_ARCH, "architecture");
        }
        if (machine != null) {
            Require.matches(machine, MACHINE_OR_ARCH, "machine type");
        }
        Require.present(os, "os");
        Require.present(onPoweroff, "on_poweroff");
        Require.present(onReboot, "on_reboot");
        Require.present(onCrash, "on_crash");
        fwCfg = List.copyOf(fwCfg);
        disks = List.copyOf(disks);
        controllers = List.copyOf(controllers);
        interfaces = List.copyOf(interfaces);

        checkTopology(cpu, vcpus);
        checkPins(cpuTune, vcpus, iothreads);
        checkIothreads(disks, controllers, iothreads);
        checkSharedMemory(disks, interfaces, memoryBacking);
        checkBootOrder(os, disks);
        checkUnique(disks.stream().map(Disk::targetDev), "disk target dev");
        checkUnique(interfaces.stream().map(Interface::mac), "interface MAC");
        checkUnique(Stream.concat(disks.stream().map(Disk::alias), interfaces.stream().map(Interface::alias)),
                "device alias");
        checkUnique(fwCfg.stream().map(FwCfgEntry::name), "fw_cfg name");
        checkUnique(controllers.stream().map(c -> c.type().xml() + " " + c.index()), "controller");
        if (uuid != null && smbios != null && smbios.system() != null && smbios.system().uuid() != null
                && !uuid.equals(smbios.system().uuid())) {
            throw new IllegalArgumentException("SMBIOS system UUID " + smbios.system().uuid()
                    + " differs from the domain UUID " + uuid);
        }
    }

    private static void checkTopology(Cpu cpu, int vcpus) {
        if (cpu != null && cpu.topology() != null && cpu.topology().vcpus() != vcpus) {
            throw new IllegalArgumentException("CPU topology " + cpu.topology() + " holds " + cpu.topology().vcpus()
                    + " vCPUs, not " + vcpus);
        }
    }

    private static void checkPins(CpuTune cpuTune, int vcpus, int iothreads) {
        if (cpuTune == null) {
            return;
        }
        for (CpuTune.VcpuPin pin : cpuTune.vcpuPins()) {
            if (pin.vcpu() >= vcpus) {
                throw new IllegalArgumentException("vCPU " + pin.vcpu() + " is pinned but there are " + vcpus);
            }
        }
        for (CpuTune.IothreadPin pin : cpuTune.iothreadPins()) {
            if (pin.iothread() > iothreads) {
                throw new IllegalArgumentException("I/O thread " + pin.iothread() + " is pinned but there are "
                        + iothreads);
            }
        }
    }

    private static void checkIothreads(List<Disk> disks, List<Controller> controllers, int iothreads) {
        Stream.concat(disks.stream().map(Disk::iothread), controllers.stream().map(Controller::iothread))
                .filter(id -> id != null && id > iothreads)
                .findFirst()
                .ifPresent(id -> {
                    throw new IllegalArgumentException("a device uses I/O thread " + id + " but there are "
                            + iothreads);
                });
    }

    private static void checkSharedMemory(List<Disk> disks, List<Interface> interfaces, MemoryBacking backing) {
        boolean vhostUser = disks.stream().anyMatch(d -> d.source() instanceof DiskSource.VhostUser)
                || interfaces.stream().anyMatch(i -> i.source() instanceof InterfaceSource.VhostUser);
        if (vhostUser && (backing == null || !backing.isShared())) {
            // The back end maps guest RAM; with private memory QEMU starts but the device never works.
            throw new IllegalArgumentException("vhost-user devices need shared memory backing, e.g. "
                    + "MemoryBacking.sharedMemfd()");
        }
    }

    private static void checkBootOrder(Os os, List<Disk> disks) {
        List<Integer> orders = disks.stream().map(Disk::bootOrder).filter(o -> o != null).toList();
        if (!orders.isEmpty() && !os.bootDevices().isEmpty()) {
            throw new IllegalArgumentException("per-disk boot order and <os><boot dev> cannot be used together");
        }
        checkUnique(orders.stream(), "boot order");
    }

    private static void checkUnique(Stream<?> values, String what) {
        Set<Object> seen = new HashSet<>();
        values.filter(v -> v != null).forEach(v -> {
            if (!seen.add(v)) {
                throw new IllegalArgumentException("duplicate " + what + ": " + v);
            }
        });
    }

    /** A builder for domain {@code name} of {@code type}. */
    public static Builder builder(DomainType type, String name) {
        return new Builder().type(type).name(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder().type(type).name(name).uuid(uuid).title(title).description(description)
                .metadata(metadata).memoryMiB(memoryMiB).vcpus(vcpus).iothreads(iothreads).arch(arch)
                .machine(machine).os(os).cpu(cpu).acpi(acpi).apic(apic).onPoweroff(onPoweroff).onReboot(onReboot)
                .onCrash(onCrash).memoryBacking(memoryBacking).cpuTune(cpuTune).smbios(smbios).serial(serial)
                .rng(rng);
        fwCfg.forEach(b::addFwCfg);
        disks.forEach(b::addDisk);
        controllers.forEach(b::addController);
        interfaces.forEach(b::addInterface);
        return b;
    }

    /**
     * Builder. Defaults: arch {@code x86_64}, no machine (libvirt's default), {@link Os#defaults()}, ACPI and APIC
     * on, destroy on power-off and crash, restart on reboot. Memory and vCPUs must be set.
     */
    public static final class Builder {
        private DomainType type;
        private String name;
        private String uuid;
        private String title;
        private String description;
        private LabvisorMetadata metadata;
        private long memoryMiB;
        private int vcpus;
        private int iothreads;
        private String arch = "x86_64";
        private String machine;
        private Os os = Os.defaults();
        private Cpu cpu;
        private boolean acpi = true;
        private boolean apic = true;
        private LifecycleAction onPoweroff = LifecycleAction.DESTROY;
        private LifecycleAction onReboot = LifecycleAction.RESTART;
        private LifecycleAction onCrash = LifecycleAction.DESTROY;
        private MemoryBacking memoryBacking;
        private CpuTune cpuTune;
        private SmbiosSysinfo smbios;
        private final List<FwCfgEntry> fwCfg = new ArrayList<>();
        private final List<Disk> disks = new ArrayList<>();
        private final List<Controller> controllers = new ArrayList<>();
        private final List<Interface> interfaces = new ArrayList<>();
        private SerialConsole serial;
        private Rng rng;

        private Builder() {
        }

        public Builder type(DomainType type) {
            this.type = type;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder uuid(String uuid) {
            this.uuid = uuid;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder metadata(LabvisorMetadata metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder memoryMiB(long memoryMiB) {
            this.memoryMiB = memoryMiB;
            return this;
        }

        public Builder vcpus(int vcpus) {
            this.vcpus = vcpus;
            return this;
        }

        public Builder iothreads(int iothreads) {
            this.iothreads = iothreads;
            return this;
        }

        public Builder arch(String arch) {
            this.arch = arch;
            return this;
        }

        public Builder machine(String machine) {
            this.machine = machine;
            return this;
        }

        public Builder os(Os os) {
            this.os = os;
            return this;
        }

        public Builder cpu(Cpu cpu) {
            this.cpu = cpu;
            return this;
        }

        public Builder acpi(boolean acpi) {
            this.acpi = acpi;
            return this;
        }

        public Builder apic(boolean apic) {
            this.apic = apic;
            return this;
        }

        public Builder onPoweroff(LifecycleAction action) {
            this.onPoweroff = action;
            return this;
        }

        public Builder onReboot(LifecycleAction action) {
            this.onReboot = action;
            return this;
        }

        public Builder onCrash(LifecycleAction action) {
            this.onCrash = action;
            return this;
        }

        public Builder memoryBacking(MemoryBacking memoryBacking) {
            this.memoryBacking = memoryBacking;
            return this;
        }

        public Builder cpuTune(CpuTune cpuTune) {
            this.cpuTune = cpuTune;
            return this;
        }

        public Builder smbios(SmbiosSysinfo smbios) {
            this.smbios = smbios;
            return this;
        }

        public Builder addFwCfg(FwCfgEntry entry) {
            fwCfg.add(Require.present(entry, "fw_cfg entry"));
            return this;
        }

        public Builder addDisk(Disk disk) {
            disks.add(Require.present(disk, "disk"));
            return this;
        }

        public Builder addController(Controller controller) {
            controllers.add(Require.present(controller, "controller"));
            return this;
        }

        public Builder addInterface(Interface iface) {
            interfaces.add(Require.present(iface, "interface"));
            return this;
        }

        public Builder serial(SerialConsole serial) {
            this.serial = serial;
            return this;
        }

        public Builder rng(Rng rng) {
            this.rng = rng;
            return this;
        }

        public DomainSpec build() {
            return new DomainSpec(type, name, uuid, title, description, metadata, memoryMiB, vcpus, iothreads, arch,
                    machine, os, cpu, acpi, apic, onPoweroff, onReboot, onCrash, memoryBacking, cpuTune, smbios,
                    fwCfg, disks, controllers, interfaces, serial, rng);
        }
    }
}
