package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;

/** The attributes DescribeInstanceAttribute answers here (CLI and API alike), by EC2's names. */
public enum InstanceAttribute {
    USER_DATA("userData"),
    INSTANCE_TYPE("instanceType");

    private final String label;

    InstanceAttribute(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static InstanceAttribute parse(String name) {
        for (InstanceAttribute a : values()) {
            if (a.label.equals(name)) {
                return a;
            }
        }
        throw Ec2Exception.invalidParameter("Value (" + name + ") for parameter attribute is invalid. "
                + "Supported here: userData, instanceType");
    }
}
