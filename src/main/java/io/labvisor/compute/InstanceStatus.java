package io.labvisor.compute;

import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An instance's status checks as DescribeInstanceStatus reports them. labvisor's reachability check is the
 * guest's own word: {@code ok} once it printed LABVISOR-READY after its latest LABVISOR-BOOT (a reboot starts
 * the check again), {@code initializing} before, {@code impaired} when a running guest has not said so within
 * {@link #IMPAIRED_AFTER} of entering running (EC2 marks an unreachable instance the same way; here it is
 * typically a guest wedged at boot), {@code not-applicable} when it is not running.
 * <p>
 * The system status check is about the host side: the domain runs, so it is {@code ok} where the instance
 * check is {@code impaired}.
 *
 * @param impairedSince when the instance check started failing; present only with {@link Check#IMPAIRED}
 */
public record InstanceStatus(Instance instance, Check check, Optional<Instant> impairedSince) {
    /** A guest under TCG on a busy 2-CPU host reaches READY within about a minute; five leaves a wide margin. */
    public static final Duration IMPAIRED_AFTER = Duration.ofMinutes(5);

    public enum Check {
        OK("ok", "passed"), INITIALIZING("initializing", "initializing"), IMPAIRED("impaired", "failed"),
        NOT_APPLICABLE("not-applicable", null);

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

    public InstanceStatus {
        if (impairedSince.isPresent() != (check == Check.IMPAIRED)) {
            throw new IllegalArgumentException("impairedSince goes with an impaired check, not " + check);
        }
    }

    public InstanceStatus(Instance instance, Check check) {
        this(instance, check, Optional.empty());
    }

    /** The host-side check: the domain runs, so a guest that is not reachable is not the system's fault. */
    public Check systemCheck() {
        return check == Check.IMPAIRED ? Check.OK : check;
    }

    static InstanceStatus of(Instance i, Instant now) {
        if (i.state() != InstanceState.RUNNING) {
            return new InstanceStatus(i, Check.NOT_APPLICABLE);
        }
        return of(i, new ConsoleLog(Path.of(i.consoleLog())).lines(), now);
    }

    /** Pure: a running instance's checks from its console lines at {@code now}. */
    static InstanceStatus of(Instance i, List<GuestLine> lines, Instant now) {
        Check check = check(lines);
        Instant deadline = i.stateChangedAt().plus(IMPAIRED_AFTER);
        if (check == Check.INITIALIZING && !now.isBefore(deadline)) {
            return new InstanceStatus(i, Check.IMPAIRED, Optional.of(deadline));
        }
        return new InstanceStatus(i, check);
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
