package io.labvisor.domain;

import io.labvisor.virtxml.Xml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * QEMU block throttling ({@code <iotune>}), how labvisor gives a volume its EBS-style bandwidth and IOPS. Unset
 * limits are null. As in libvirt, a total limit excludes the read/write ones of the same kind, and a burst
 * ({@code _max}) limit needs its sustained limit and must not be below it.
 */
public record IoTune(Long totalBytesSec, Long readBytesSec, Long writeBytesSec,
        Long totalIopsSec, Long readIopsSec, Long writeIopsSec,
        Long totalBytesSecMax, Long readBytesSecMax, Long writeBytesSecMax,
        Long totalIopsSecMax, Long readIopsSecMax, Long writeIopsSecMax) {

    public IoTune {
        Map<String, Long> limits = limits(totalBytesSec, readBytesSec, writeBytesSec, totalIopsSec, readIopsSec,
                writeIopsSec, totalBytesSecMax, readBytesSecMax, writeBytesSecMax, totalIopsSecMax, readIopsSecMax,
                writeIopsSecMax);
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("I/O tuning sets no limit");
        }
        limits.forEach((name, value) -> {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        });
        for (String kind : new String[] {"bytes_sec", "iops_sec", "bytes_sec_max", "iops_sec_max"}) {
            if (limits.containsKey("total_" + kind)
                    && (limits.containsKey("read_" + kind) || limits.containsKey("write_" + kind))) {
                throw new IllegalArgumentException("total_" + kind + " excludes read_" + kind + " and write_" + kind);
            }
        }
        for (String op : new String[] {"total", "read", "write"}) {
            for (String unit : new String[] {"bytes_sec", "iops_sec"}) {
                Long max = limits.get(op + "_" + unit + "_max");
                Long base = limits.get(op + "_" + unit);
                if (max != null && (base == null || max < base)) {
                    throw new IllegalArgumentException(op + "_" + unit + "_max needs " + op + "_" + unit
                            + " and must be at least it");
                }
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // libvirt's element names, in libvirt's order, of the limits that are set.
    private static Map<String, Long> limits(Long... values) {
        String[] names = {"total_bytes_sec", "read_bytes_sec", "write_bytes_sec", "total_iops_sec", "read_iops_sec",
            "write_iops_sec", "total_bytes_sec_max", "read_bytes_sec_max", "write_bytes_sec_max",
            "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max"};
        Map<String, Long> limits = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                limits.put(names[i], values[i]);
            }
        }
        return limits;
    }

    private Map<String, Long> limits() {
        return limits(totalBytesSec, readBytesSec, writeBytesSec, totalIopsSec, readIopsSec, writeIopsSec,
                totalBytesSecMax, readBytesSecMax, writeBytesSecMax, totalIopsSecMax, readIopsSecMax,
                writeIopsSecMax);
    }

    void writeTo(Element disk) {
        Element iotune = Xml.addChild(disk, "iotune");
        limits().forEach((name, value) -> Xml.addText(iotune, name, value));
    }

    /** Reads {@code <iotune>}; libvirt writes 0 for "no limit" in places, which reads as unset. */
    static Optional<IoTune> parse(Element iotune) {
        Builder b = builder();
        b.totalBytesSec = read(iotune, "total_bytes_sec");
        b.readBytesSec = read(iotune, "read_bytes_sec");
        b.writeBytesSec = read(iotune, "write_bytes_sec");
        b.totalIopsSec = read(iotune, "total_iops_sec");
        b.readIopsSec = read(iotune, "read_iops_sec");
        b.writeIopsSec = read(iotune, "write_iops_sec");
        b.totalBytesSecMax = read(iotune, "total_bytes_sec_max");
        b.readBytesSecMax = read(iotune, "read_bytes_sec_max");
        b.writeBytesSecMax = read(iotune, "write_bytes_sec_max");
        b.totalIopsSecMax = read(iotune, "total_iops_sec_max");
        b.readIopsSecMax = read(iotune, "read_iops_sec_max");
        b.writeIopsSecMax = read(iotune, "write_iops_sec_max");
        return b.isEmpty() ? Optional.empty() : Optional.of(b.build());
    }

    private static Long read(Element iotune, String name) {
        return Xml.childText(iotune, name).map(text -> Xml.toLong(text, name)).filter(v -> v != 0).orElse(null);
    }

    /** Sets limits one by one; all start unset. */
    public static final class Builder {
        private Long totalBytesSec;
        private Long readBytesSec;
        private Long writeBytesSec;
        private Long totalIopsSec;
        private Long readIopsSec;
        private Long writeIopsSec;
        private Long totalBytesSecMax;
        private Long readBytesSecMax;
        private Long writeBytesSecMax;
        private Long totalIopsSecMax;
        private Long readIopsSecMax;
        private Long writeIopsSecMax;

        private Builder() {
        }

        public Builder totalBytesSec(long value) {
            totalBytesSec = value;
            return this;
        }

        public Builder readBytesSec(long value) {
            readBytesSec = value;
            return this;
        }

        public Builder writeBytesSec(long value) {
            writeBytesSec = value;
            return this;
        }

        public Builder totalIopsSec(long value) {
            totalIopsSec = value;
            return this;
        }

        public Builder readIopsSec(long value) {
            readIopsSec = value;
            return this;
        }

        public Builder writeIopsSec(long value) {
            writeIopsSec = value;
            return this;
        }

        public Builder totalBytesSecMax(long value) {
            totalBytesSecMax = value;
            return this;
        }

        public Builder readBytesSecMax(long value) {
            readBytesSecMax = value;
            return this;
        }

        public Builder writeBytesSecMax(long value) {
            writeBytesSecMax = value;
            return this;
        }

        public Builder totalIopsSecMax(long value) {
            totalIopsSecMax = value;
            return this;
        }

        public Builder readIopsSecMax(long value) {
            readIopsSecMax = value;
            return this;
        }

        public Builder writeIopsSecMax(long value) {
            writeIopsSecMax = value;
            return this;
        }

        private boolean isEmpty() {
            return limits(totalBytesSec, readBytesSec, writeBytesSec, totalIopsSec, readIopsSec, writeIopsSec,
                    totalBytesSecMax, readBytesSecMax, writeBytesSecMax, totalIopsSecMax, readIopsSecMax,
                    writeIopsSecMax).isEmpty();
        }

        public IoTune build() {
            return new IoTune(totalBytesSec, readBytesSec, writeBytesSec, totalIopsSec, readIopsSec, writeIopsSec,
                    totalBytesSecMax, readBytesSecMax, writeBytesSecMax, totalIopsSecMax, readIopsSecMax,
                    writeIopsSecMax);
        }
    }
}
