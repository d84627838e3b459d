package io.labvisor.accel;

import io.labvisor.ec2.Ec2Exception;

import java.util.Locale;

/** How guest vCPUs execute: hardware virtualization through KVM, or QEMU's TCG binary translator. */
public enum Accelerator {
    KVM, TCG;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** libvirt's domain type for this accelerator ({@code <domain type='kvm'|'qemu'>}). */
    public String domainType() {
        return this == KVM ? "kvm" : "qemu";
    }

    public static Accelerator parse(String value) {
        for (Accelerator a : values()) {
            if (a.label().equals(value)) {
                return a;
            }
        }
        throw Ec2Exception.invalidParameter("Invalid accelerator '" + value + "': use kvm, tcg or auto");
    }
}
