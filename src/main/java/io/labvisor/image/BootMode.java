package io.labvisor.image;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

/** How an AMI boots: QEMU loads its kernel and ramdisk directly, or firmware boots its root volume. */
public enum BootMode {
    DIRECT_KERNEL("direct-kernel"), DISK("disk");

    private final String label;

    BootMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static BootMode parse(String value) {
        for (BootMode m : values()) {
            if (m.label.equals(value)) {
                return m;
            }
        }
        throw new Ec2Exception(ErrorCode.INVALID_MANIFEST, "bootMode must be direct-kernel or disk, not '" + value + "'");
    }
}
