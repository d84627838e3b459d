package io.labvisor.volume;

import io.labvisor.ec2.Ec2Exception;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The EBS volume types and their published size range (GiB). SSD types are sized for IOPS, HDD types (st1, sc1)
 * for throughput, which is why the HDD types start at 125 GiB.
 */
public enum VolumeType {
    GP2("gp2", 1, 16_384),
    GP3("gp3", 1, 16_384),
    IO1("io1", 4, 16_384),
    IO2("io2", 4, 65_536),
    ST1("st1", 125, 16_384),
    SC1("sc1", 125, 16_384);

    private final String label;
    private final int minGib;
    private final int maxGib;

    VolumeType(String label, int minGib, int maxGib) {
        this.label = label;
        this.minGib = minGib;
        this.maxGib = maxGib;
    }

    public String label() {
        return label;
    }

    public int minGib() {
        return minGib;
    }

    public int maxGib() {
        return maxGib;
    }

    /** gp3, io1 and io2 volumes have provisioned IOPS (recorded on the volume). */
    public boolean provisionsIops() {
        return this == GP3 || this == IO1 || this == IO2;
    }

    /** Only gp3 volumes have a provisioned throughput. */
    public boolean provisionsThroughput() {
        return this == GP3;
    }

    public static VolumeType parse(String label) {
        if (label == null) {
            throw Ec2Exception.invalidParameter("Value (null) for parameter volumeType is invalid.");
        }
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst()
                .orElseThrow(() -> Ec2Exception.invalidParameter("Value (" + label + ") for parameter volumeType is "
                        + "invalid. Valid values: " + Arrays.stream(values()).map(VolumeType::label)
                        .collect(Collectors.joining(", "))));
    }
}
