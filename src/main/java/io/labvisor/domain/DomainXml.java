package io.labvisor.domain;

import io.labvisor.virtxml.Units;
import io.labvisor.virtxml.Xml;
import io.labvisor.virtxml.XmlEnum;
import io.labvisor.virtxml.XmlException;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Writes a {@link DomainSpec} as libvirt domain XML and reads it back. Reading accepts what
 * {@code virDomainGetXMLDesc} returns for a running domain: whatever libvirt adds and labvisor does not model
 * (ids, addresses, libvirt's own aliases, {@code <seclabel>}, {@code <emulator>}, extra devices) is skipped.
 */
public final class DomainXml {
    private static final long MIB = 1L << 20;

    private DomainXml() {
    }

    /** The domain XML for {@code virDomainDefineXML}. */
    public static String write(DomainSpec spec) {
        Element domain = Xml.newRoot("domain");
        Xml.setAttr(domain, "type", spec.type());
        Xml.addText(domain, "name", spec.name());
        if (spec.uuid() != null) {
            Xml.addText(domain, "uuid", spec.uuid());
        }
        if (spec.title() != null) {
            Xml.addText(domain, "title", spec.title());
        }
        if (spec.description() != null) {
            Xml.addText(domain, "description", spec.description());
        }
        if (spec.metadata() != null) {
            spec.metadata().writeTo(Xml.addChild(domain, "metadata"));
        }
        Xml.setAttr(Xml.addText(domain, "memory", spec.memoryMiB()), "unit", "MiB");
        Xml.setAttr(Xml.addText(domain, "currentMemory", spec.memoryMiB()), "unit", "MiB");
        if (spec.memoryBacking() != null) {
            spec.memoryBacking().writeTo(domain);
        }
        Xml.addText(domain, "vcpu", spec.vcpus());
        if (spec.iothreads() > 0) {
            Xml.addText(domain, "iothreads", spec.iothreads());
        }
        if (spec.cpuTune() != null) {
            spec.cpuTune().writeTo(domain);
        }
        writeSysinfo(domain, spec);
        spec.os().writeTo(domain, spec.arch(), spec.machine(), spec.smbios() != null);
        writeFeatures(domain, spec);
        if (spec.cpu() != null) {
            spec.cpu().writeTo(domain);
        }
        Xml.setAttr(Xml.addChild(domain, "clock"), "offset", "utc");
        Xml.addText(domain, "on_poweroff", spec.onPoweroff());
        Xml.addText(domain, "on_reboot", spec.onReboot());
        Xml.addText(domain, "on_crash", spec.onCrash());
        writeDevices(Xml.addChild(domain, "devices"), spec);
        return Xml.toXmlString(domain);
    }

    /** One {@code <disk>} on its own, as {@code virDomainAttachDevice} and {@code DetachDevice} take it. */
    public static String writeDisk(Disk disk) {
        Element devices = Xml.newRoot("devices");
        disk.writeTo(devices);
        return Xml.toXmlString(Xml.children(devices).get(0));
    }

    /** One {@code <interface>} on its own, as {@code virDomainAttachDevice} and {@code DetachDevice} take it. */
    public static String writeInterface(Interface iface) {
        Element devices = Xml.newRoot("devices");
        iface.writeTo(devices);
        return Xml.toXmlString(Xml.children(devices).get(0));
    }

    private static void writeSysinfo(Element domain, DomainSpec spec) {
        if (spec.smbios() != null) {
            spec.smbios().writeTo(domain);
        }
        if (!spec.fwCfg().isEmpty()) {
            Element sysinfo = Xml.setAttr(Xml.addChild(domain, "sysinfo"), "type", "fwcfg");
            for (FwCfgEntry entry : spec.fwCfg()) {
                Element element = Xml.setAttr(Xml.addChild(sysinfo, "entry"), "name", entry.name());
                Xml.setAttr(element, "file", entry.file());
            }
        }
    }

    private static void writeFeatures(Element domain, DomainSpec spec) {
        if (spec.acpi() || spec.apic()) {
            Element features = Xml.addChild(domain, "features");
            if (spec.acpi()) {
                Xml.addChild(features, "acpi");
            }
            if (spec.apic()) {
                Xml.addChild(features, "apic");
            }
        }
    }

    private static void writeDevices(Element devices, DomainSpec spec) {
        spec.disks().forEach(disk -> disk.writeTo(devices));
        spec.controllers().forEach(controller -> controller.writeTo(devices));
        spec.interfaces().forEach(iface -> iface.writeTo(devices));
        if (spec.serial() != null) {
            spec.serial().writeTo(devices);
        }
        if (spec.rng() != null) {
            spec.rng().writeTo(devices);
        }
        // No balloon: an instance's memory is fixed by its type, and the device would only cost a PCI slot.
        Xml.setAttr(Xml.addChild(devices, "memballoon"), "model", "none");
    }

    /** Reads domain XML, from {@link #write} or from libvirt (inactive or live). */
    public static DomainSpec parse(String xml) {
        Element domain = Xml.parseRoot(xml, "domain");
        DomainSpec.Builder b = DomainSpec.builder(
                XmlEnum.fromXml(DomainType.class, Xml.requiredAttr(domain, "type")),
                Xml.childText(domain, "name").orElseThrow(() -> new XmlException("domain has no name")));
        Xml.childText(domain, "uuid").map(String::strip).ifPresent(b::uuid);
        Xml.childText(domain, "title").ifPresent(b::title);
        Xml.childText(domain, "description").ifPresent(b::description);
        Xml.child(domain, "metadata").flatMap(LabvisorMetadata::parseFrom).ifPresent(b::metadata);
        b.memoryMiB(memoryMiB(Xml.requiredChild(domain, "memory")));
        b.vcpus(Xml.toInt(Xml.childText(domain, "vcpu").orElseThrow(() -> new XmlException("domain has no vcpu")),
                "vcpu"));
        Xml.childText(domain, "iothreads").ifPresent(n -> b.iothreads(Xml.toInt(n, "iothreads")));
        Xml.child(domain, "memoryBacking").flatMap(MemoryBacking::parse).ifPresent(b::memoryBacking);
        Xml.child(domain, "cputune").flatMap(CpuTune::parse).ifPresent(b::cpuTune);
        readSysinfo(domain, b);
        Element os = Xml.requiredChild(domain, "os");
        Element osType = Xml.requiredChild(os, "type");
        b.arch(Xml.attr(osType, "arch").orElse(null));
        b.machine(Xml.attr(osType, "machine").orElse(null));
        b.os(Os.parse(os));
        Optional<Element> features = Xml.child(domain, "features");
        b.acpi(features.flatMap(f -> Xml.child(f, "acpi")).isPresent());
        b.apic(features.flatMap(f -> Xml.child(f, "apic")).isPresent());
        Xml.child(domain, "cpu").map(Cpu::parse).ifPresent(b::cpu);
        lifecycle(domain, "on_poweroff").ifPresent(b::onPoweroff);
        lifecycle(domain, "on_reboot").ifPresent(b::onReboot);
        lifecycle(domain, "on_crash").ifPresent(b::onCrash);
        Xml.child(domain, "devices").ifPresent(devices -> readDevices(devices, b));
        return b.build();
    }

    /**
     * The labvisor metadata of a domain, or empty when it has none. Accepts a whole domain XML or the bare
     * {@code <labvisor:instance>} element that {@code virDomainGetMetadata} returns.
     */
    public static Optional<LabvisorMetadata> readMetadata(String xml) {
        Element root = Xml.parse(xml);
        if (LabvisorMetadata.isInstanceElement(root)) {
            return Optional.of(LabvisorMetadata.parse(root));
        }
        if (!Xml.isElement(root, "domain")) {
            throw new XmlException("expected <domain> or labvisor metadata, got <" + root.getTagName() + ">");
        }
        return Xml.child(root, "metadata").flatMap(LabvisorMetadata::parseFrom);
    }

    // libvirt reports KiB. labvisor sizes are whole MiB; a remainder (a domain defined elsewhere) is dropped.
    private static long memoryMiB(Element memory) {
        return Units.toBytes(Xml.toLong(Xml.text(memory), "memory"), Xml.attr(memory, "unit").orElse(null), "KiB")
                / MIB;
    }

    private static Optional<LifecycleAction> lifecycle(Element domain, String name) {
        return Xml.childText(domain, name).map(text -> XmlEnum.fromXml(LifecycleAction.class, text.strip()));
    }

    private static void readSysinfo(Element domain, DomainSpec.Builder b) {
        for (Element sysinfo : Xml.children(domain, "sysinfo")) {
            switch (Xml.attr(sysinfo, "type").orElse("")) {
                case "smbios" -> SmbiosSysinfo.parse(sysinfo).ifPresent(b::smbios);
                case "fwcfg" -> Xml.children(sysinfo, "entry").stream()
                        .filter(entry -> Xml.attr(entry, "file").isPresent()) // value entries are not modelled
                        .forEach(entry -> b.addFwCfg(new FwCfgEntry(Xml.requiredAttr(entry, "name"),
                                Xml.requiredAttr(entry, "file"))));
                default -> {
                }
            }
        }
    }

    private static void readDevices(Element devices, DomainSpec.Builder b) {
        Xml.children(devices, "disk").forEach(disk -> Disk.parse(disk).ifPresent(b::addDisk));
        Xml.children(devices, "controller").forEach(c -> Controller.parse(c).ifPresent(b::addController));
        Xml.children(devices, "interface").forEach(iface -> Interface.parse(iface).ifPresent(b::addInterface));
        Xml.children(devices, "serial").stream()
                .map(SerialConsole::parse)
                .flatMap(Optional::stream)
                .findFirst()
                .ifPresent(b::serial);
        Xml.children(devices, "rng").stream().map(Rng::parse).flatMap(Optional::stream).findFirst().ifPresent(b::rng);
    }
}
