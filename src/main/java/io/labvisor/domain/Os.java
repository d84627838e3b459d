package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import io.labvisor.virtxml.XmlEnum;
import java.util.List;
import org.w3c.dom.Element;

/**
 * How the guest boots: a kernel (with initrd and command line) handed to QEMU directly, and/or firmware boot from
 * the listed devices. Machine type, architecture and SMBIOS mode are written into {@code <os>} too, but they belong
 * to {@link DomainSpec}.
 *
 * @param kernel      optional absolute path of the kernel image for direct boot
 * @param initrd      optional absolute path of the initrd; needs {@code kernel}
 * @param cmdline     optional kernel command line; needs {@code kernel}
 * @param bootDevices firmware boot order; leave empty when disks carry a per-device boot order
 */
public record Os(String kernel, String initrd, String cmdline, List<BootDevice> bootDevices) {

    /** Boot devices of {@code <os><boot dev='...'/>}. */
    public enum BootDevice implements XmlEnum {
        HD("hd"),
        CDROM("cdrom"),
        NETWORK("network"),
        FD("fd");

        private final String xml;

        BootDevice(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    public Os {
        if (kernel != null) {
            Require.absolutePath(kernel, "kernel");
        }
        if (initrd != null) {
            Require.absolutePath(initrd, "initrd");
        }
        if (kernel == null && (initrd != null || cmdline != null)) {
            throw new IllegalArgumentException("initrd and cmdline need a kernel");
        }
        bootDevices = List.copyOf(bootDevices);
    }

    /** Direct kernel boot; {@code initrd} and {@code cmdline} may be null. */
    public static Os directKernel(String kernel, String initrd, String cmdline) {
        return new Os(Require.present(kernel, "kernel"), initrd, cmdline, List.of());
    }

    /** Firmware boot from {@code devices}, in order. */
    public static Os bootFrom(BootDevice... devices) {
        return new Os(null, null, null, List.of(devices));
    }

    /** No kernel and no boot list: libvirt boots from the first disk. */
    public static Os defaults() {
        return new Os(null, null, null, List.of());
    }

    void writeTo(Element domain, String arch, String machine, boolean smbiosSysinfo) {
        Element os = Xml.addChild(domain, "os");
        Element type = Xml.addText(os, "type", "hvm");
        Xml.setAttr(type, "arch", arch);
        Xml.setAttr(type, "machine", machine);
        if (kernel != null) {
            Xml.addText(os, "kernel", kernel);
        }
        if (initrd != null) {
            Xml.addText(os, "initrd", initrd);
        }
        if (cmdline != null) {
            Xml.addText(os, "cmdline", cmdline);
        }
        for (BootDevice device : bootDevices) {
            Xml.setAttr(Xml.addChild(os, "boot"), "dev", device);
        }
        if (smbiosSysinfo) {
            // Without this QEMU gets no -smbios arguments and the guest sees QEMU's own DMI strings.
            Xml.setAttr(Xml.addChild(os, "smbios"), "mode", "sysinfo");
        }
    }

    static Os parse(Element os) {
        return new Os(
                Xml.childText(os, "kernel").orElse(null),
                Xml.childText(os, "initrd").orElse(null),
                Xml.childText(os, "cmdline").orElse(null),
                Xml.children(os, "boot").stream()
                        .map(boot -> XmlEnum.fromXml(BootDevice.class, Xml.requiredAttr(boot, "dev")))
                        .toList());
    }
}
