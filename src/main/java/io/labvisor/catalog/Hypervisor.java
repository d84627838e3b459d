package io.labvisor.catalog;

import java.util.Optional;

/**
 * The hypervisor generation of an instance type. Bare-metal types count as {@link #NITRO}: AWS omits their
 * {@code Hypervisor} key, but they are Nitro-system hosts with the same devices.
 */
public enum Hypervisor {
    XEN("xen"),
    NITRO("nitro");

    private final String awsName;

    Hypervisor(String awsName) {
        this.awsName = awsName;
    }

    /** The value as DescribeInstanceTypes spells it. */
    public String awsName() {
        return awsName;
    }

    /** Parses AWS's spelling ({@code xen}, {@code nitro}); empty for anything else. */
    public static Optional<Hypervisor> fromAws(String value) {
        for (Hypervisor h : values()) {
            if (h.awsName.equals(value)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }
}
