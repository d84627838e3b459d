package io.labvisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Host CPU time of processes (user + system, all threads) from /proc/PID/stat. Offload moves work from QEMU to the
 * cards; it does not make it vanish, so the I/O benchmark reports both.
 */
public final class ProcCpu {
    /** USER_HZ: the unit of utime/stime in /proc; 100 on every Linux architecture labvisor runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcCpu() {
    }

    public static double seconds(Collection<Integer> pids) {
        return pids.stream().mapToDouble(ProcCpu::seconds).sum();
    }

    public static double seconds(int pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Integer.toString(pid), "stat")));
        } catch (IOException e) {
            return 0; // it exited
        }
    }

    /** utime (field 14) + stime (field 15), counted after the parenthesised comm (field 2). */
    static double parse(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }
}
