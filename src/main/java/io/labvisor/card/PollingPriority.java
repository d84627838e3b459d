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
 * Keeps network cards' busy-polling threads from taking the card CPUs from QEMU's emulator threads and the storage
 * cards, while their control threads (vhost-user messages, which QEMU waits for synchronously) keep a normal
 * priority: a starved control thread stalls the guest's device set-up.
 * <p>
 * The polling threads (DPDK's worker lcores) of all cards share the cgroup {@value #CGROUP} of the cgroup v1 cpu
 * controller, with {@code cpu.shares} {@value #SHARES} against the 1024 of every other group (each session is an
 * autogroup of its own, QEMU included): together they get at most 1/9 of a CPU that one other thread wants, and all
 * of an idle one. Not {@code cpu.idle}: a weight of 3 lets a busy host starve the cards for seconds, and pings
 * through them time out. Within the group they are SCHED_IDLE, which is also all that applies on a host without
 * the cgroup v1 cpu controller (cgroup v2).
 */
final class PollingPriority {
    private static final Logger log = LoggerFactory.getLogger(PollingPriority.class);
    static final String CGROUP = "labvisor-card-polling";
    static final int SHARES = 128;
    private static final Path CPU_CONTROLLER = Path.of("/sys/fs/cgroup/cpu");
    private static final int SCHED_IDLE = 5;

    interface LibC extends Library {
        int sched_setscheduler(int pid, int policy, int[] param);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private PollingPriority() {
    }

    /** True for the name of a thread that polls: DPDK names its worker lcores {@code rte-worker-<lcore>}. */
    static boolean isPollingThread(String comm) {
        return comm.startsWith("rte-worker-") || comm.startsWith("lcore-worker-");
    }

    /** Moves the polling threads of {@code pid} to the polling cgroup at SCHED_IDLE; returns their thread ids. */
    static List<Long> lower(long pid) {
        List<Long> lowered = new ArrayList<>();
        Path cgroup = pollingCgroup();
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

    /** The polling cgroup, made on first use; null where the cgroup v1 cpu controller is not mounted. */
    private static Path pollingCgroup() {
        if (!Files.exists(CPU_CONTROLLER.resolve("cpu.shares"))) {
            log.debug("no cgroup v1 cpu controller: card polling threads get SCHED_IDLE only");
            return null;
        }
        Path group = CPU_CONTROLLER.resolve(CGROUP);
        try {
            Files.createDirectories(group);
            Files.writeString(group.resolve("cpu.shares"), Integer.toString(SHARES));
            return group;
        } catch (IOException e) {
            log.warn("cannot prepare cgroup {}: {}", group, e.getMessage());
            return null;
        }
    }
}
