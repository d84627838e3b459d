package io.labvisor.compute;

import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;

import java.nio.file.Path;
import java.util.List;

/**
 * An instance's status checks as DescribeInstanceStatus reports them. labvisor's reachability check is the
 * guest's own word: {@code ok} once it printed LABVISOR-READY after its latest LABVISOR-BOOT (a reboot starts
 * the check again), {@code initializing} before, {@code not-applicable} when it is not running.
 */
public record InstanceStatus(Instance instance, Check check) {
    public enum Check {
        OK("ok", "passed"), INITIALIZING("initializing", "initializing"), NOT_APPLICABLE("not-applicable", null);

        private final String label;
        private final String detail;

        Check(String label, String detail) {
            this.label = label;
            this.detail = detail;
        }

        public String label() {
            return label;
        }

        /** The reachability detail's status; null when there is no detail. */
        public String detail() {
            return detail;
        }
    }

    static InstanceStatus of(Instance i) {
        if (i.state() != InstanceState.RUNNING) {
            return new InstanceStatus(i, Check.NOT_APPLICABLE);
        }
        return new InstanceStatus(i, check(new ConsoleLog(Path.of(i.consoleLog())).lines()));
    }

    /** Pure: READY after the latest BOOT line. */
    static Check check(List<GuestLine> lines) {
        boolean ready = false;
        for (GuestLine l : lines) {
            if (l.kind().equals(GuestLine.BOOT)) {
                ready = false;
            } else if (l.kind().equals(GuestLine.READY)) {
                ready = true;
            }
        }
        return ready ? Check.OK : Check.INITIALIZING;
    }
}
