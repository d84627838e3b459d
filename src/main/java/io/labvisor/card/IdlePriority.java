package io.labvisor.card;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets a network card's busy-polling thread run only on CPU time nobody else wants, while its control threads
 * (vhost-user messages, which QEMU waits for synchronously) keep a normal priority: a starved control thread
 * stalls the guest's device set-up, a starved polling thread only delays packets.
 * <p>
 * The polling threads (DPDK's lcore workers) get SCHED_IDLE, which ranks them below every task of the same
 * scheduler group. With autogroup scheduling (Linux without systemd: each session a group) or cgroups, QEMU is in
 * another group, so the threads also move to the cgroup {@value #CGROUP} with {@code cpu.idle=1}, which ranks the
 * whole group below its siblings. The cgroup v1 cpu controller allows threads of one process in different groups.
 * Without it (a cgroup v2 host) only SCHED_IDLE applies.
 */
final class IdlePriority {
    private static final Logger log = LoggerFactory.getLogger(IdlePriority.class);
    static final String CGROUP = "labvisor-card-polling";
    private static final Path CPU_CONTROLLER = Path.of("/sys/fs/cgroup/cpu");
    private static final int SCHED_IDLE = 5;

    interface LibC extends Library {
        int sched_setscheduler(int pid, int policy, int[] param);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private IdlePriority() {
    }

    /** True for the name of a thread that polls: DPDK names its worker lcores {@code rte-worker-<lcore>}. */
    static boolean isPollingThread(String comm) {
        return comm.startsWith("rte-worker-") || comm.startsWith("lcore-worker-");
    }

    /** Moves the polling threads of {@code pid} to idle priority; returns their thread ids. */
    static List<Long> lowerPollingThreads(long pid) {
        List<Long> lowered = new ArrayList<>();
        Path cgroup = idleCgroup();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                if (!isPollingThread(Files.readString(task.resolve("comm")).trim())) {
                    continue;
                }
                long tid = Long.parseLong(task.getFileName().toString());
                if (LIBC.sched_setscheduler((int) tid, SCHED_IDLE, new int[]{0}) != 0) {
                    log.warn("cannot set SCHED_IDLE on thread {} of card pid {}: errno {}", tid, pid,
                            Native.getLastError());
                }
                if (cgroup != null) {
                    Files.writeString(cgroup.resolve("tasks"), Long.toString(tid));
                }
                lowered.add(tid);
            }
        } catch (IOException e) {
            log.warn("cannot lower the polling threads of card pid {}: {}", pid, e.getMessage());
        }
        if (lowered.isEmpty()) {
            log.warn("card pid {} has no polling thread to lower", pid);
        }
        return lowered;
    }

    /** The idle cgroup, made on first use; null where the cgroup v1 cpu controller is not mounted. */
    private static Path idleCgroup() {
        if (!Files.exists(CPU_CONTROLLER.resolve("cpu.idle"))) {
            log.debug("no cgroup v1 cpu controller with cpu.idle: card polling threads get SCHED_IDLE only");
            return null;
        }
        Path group = CPU_CONTROLLER.resolve(CGROUP);
        try {
            if (!Files.isDirectory(group)) {
                Files.createDirectories(group);
            }
            Files.writeString(group.resolve("cpu.idle"), "1");
            return group;
        } catch (IOException e) {
            log.warn("cannot prepare cgroup {}: {}", group, e.getMessage());
            return null;
        }
    }
}
