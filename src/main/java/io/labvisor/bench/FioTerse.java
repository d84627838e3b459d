package io.labvisor.bench;

/**
 * fio's terse output, version 3: one ';'-separated line per job, so a result crosses a serial console as one
 * line. Field numbers (1-based) from fio's documentation: read block from field 6, write block 41 fields later.
 */
public record FioTerse(String job, double readIops, double readKiBps, double readLatencyUs, double writeIops,
                       double writeKiBps, double writeLatencyUs) {
    private static final int READ_BW = 7;
    private static final int READ_IOPS = 8;
    private static final int READ_LAT_MEAN = 40;
    private static final int WRITE_OFFSET = 41;

    public static FioTerse parse(String line) {
        String[] f = line.strip().split(";");
        if (f.length < READ_LAT_MEAN + WRITE_OFFSET || !"3".equals(f[0])) {
            throw new IllegalArgumentException("not fio terse v3 output: " + line);
        }
        return new FioTerse(f[2], num(f, READ_IOPS), num(f, READ_BW), num(f, READ_LAT_MEAN),
                num(f, READ_IOPS + WRITE_OFFSET), num(f, READ_BW + WRITE_OFFSET), num(f, READ_LAT_MEAN + WRITE_OFFSET));
    }

    public double iops(boolean read) {
        return read ? readIops : writeIops;
    }

    public double mibPerSecond(boolean read) {
        return (read ? readKiBps : writeKiBps) / 1024.0;
    }

    public double latencyUs(boolean read) {
        return read ? readLatencyUs : writeLatencyUs;
    }

    private static double num(String[] f, int field) {
        return Double.parseDouble(f[field - 1].replace("%", ""));
    }
}
