package io.labvisor.control;

import io.labvisor.store.Intent;
import io.labvisor.store.IntentJournal;
import io.labvisor.store.IntentKind;
import io.labvisor.store.IntentRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * labvisord's start, under the state lock and before any door opens: every intent a killed labvisord left open is
 * rolled forward or back by its kind's recovery, newest first (an operation nested in another, such as a launch's
 * CreateVolume, is undone before the one that contains it), and then marked done. A recovery that fails (libvirt
 * still busy with the dead daemon's last call) is tried again a few times; one that still fails stays open for
 * the next start, and the daemon starts anyway: the reconciler's graces cover what it left.
 */
public final class IntentReplay {
    private static final Logger log = LoggerFactory.getLogger(IntentReplay.class);
    private static final int TRIES = 3;
    private static final Duration PAUSE = Duration.ofSeconds(2);

    private final IntentJournal journal;
    private final Map<IntentKind, IntentRecovery> recoveries;
    private final Duration pause;

    /** @param recoveries one for every kind: an intent no recovery understands would never be settled */
    public IntentReplay(IntentJournal journal, Map<IntentKind, IntentRecovery> recoveries) {
        this(journal, recoveries, PAUSE);
    }

    IntentReplay(IntentJournal journal, Map<IntentKind, IntentRecovery> recoveries, Duration pause) {
        this.journal = journal;
        this.pause = pause;
        this.recoveries = new EnumMap<>(recoveries);
        for (IntentKind kind : IntentKind.values()) {
            if (!this.recoveries.containsKey(kind)) {
                throw new IllegalArgumentException("no recovery for " + kind);
            }
        }
    }

    /** Recovers every open intent; returns what changed, for the log. */
    public List<String> replay() {
        List<Intent> open = new ArrayList<>(journal.open());
        java.util.Collections.reverse(open);
        List<String> changed = new ArrayList<>();
        for (Intent intent : open) {
            recover(intent).ifPresent(c -> {
                changed.addAll(c);
                journal.done(intent.id());
            });
        }
        return changed;
    }

    private java.util.Optional<List<String>> recover(Intent intent) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<String> changed = recoveries.get(intent.kind()).recover(intent);
                log.info("interrupted {} recovered: {}", intent, changed.isEmpty() ? "nothing to undo" : changed);
                return java.util.Optional.of(changed);
            } catch (RuntimeException e) {
                if (attempt == TRIES) {
                    log.error("cannot recover interrupted {} (left for the next start): {}", intent, e.toString());
                    return java.util.Optional.empty();
                }
                log.warn("recovering interrupted {} failed, trying again: {}", intent, e.getMessage());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return java.util.Optional.empty();
                }
            }
        }
    }
}
