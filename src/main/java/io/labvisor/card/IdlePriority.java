package io.labvisor.card;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets a busy-polling card run only on CPU time nobody else wants. Its threads run at SCHED_IDLE ({@code chrt
 * --idle 0} in its argv, inherited by every thread DPDK creates), but that only ranks it below tasks of the same
 * scheduler group: with autogroup scheduling (the Linux default without systemd) every session is a group of its
 * own, and the card ({@code setsid}) would still get a fair share against QEMU's group. So the card's autogroup
 * gets nice 19 as well (weight 15 against 1024), as {@code /proc/<pid>/autogroup} allows.
 */
final class IdlePriority {
    private static final Logger log = LoggerFactory.getLogger(IdlePriority.class);
    static final String CHRT = "/usr/bin/chrt";
    static final int AUTOGROUP_NICE = 19;

    private IdlePriority() {
    }

    /** The argv prefix that execs the rest at SCHED_IDLE. */
    static java.util.List<String> argvPrefix() {
        return java.util.List.of(CHRT, "--idle", "0");
    }

    /** Sets the nice of the autogroup {@code pid} leads; a host without autogroups has nothing to set. */
    static void lowerAutogroup(long pid) {
        Path file = Path.of("/proc", Long.toString(pid), "autogroup");
        if (!Files.exists(file)) {
            log.debug("no {}: autogroup scheduling is off, SCHED_IDLE alone ranks the card", file);
            return;
        }
        try {
            Files.writeString(file, Integer.toString(AUTOGROUP_NICE));
        } catch (IOException e) {
            log.warn("cannot lower the autogroup of card pid {}: {}", pid, e.getMessage());
        }
    }
}
