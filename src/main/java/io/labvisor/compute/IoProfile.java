package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;

import java.util.Locale;

/**
 * How an instance's disk and NIC are provided: fully emulated devices in QEMU's main loop, virtio with the
 * backends inside QEMU, or virtio served by separate host processes over vhost (Nitro-style offload cards).
 */
public enum IoProfile {
    EMULATED, VIRTIO, NITRO;

    /** What a type gets unless asked otherwise: Xen-era types emulated devices, Nitro types offload cards. */
    public static IoProfile defaultFor(io.labvisor.catalog.Hypervisor hypervisor) {
        return hypervisor == io.labvisor.catalog.Hypervisor.XEN ? EMULATED : NITRO;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IoProfile parse(String value) {
        for (IoProfile p : values()) {
            if (p.label().equals(value)) {
                return p;
            }
        }
        throw Ec2Exception.invalidParameter("Invalid value '" + value + "' for IoProfile: use emulated, virtio or nitro");
    }
}
