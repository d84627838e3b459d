package io.labvisor.store;

import java.util.List;

/**
 * How labvisord's start finishes one kind of interrupted operation (rolls it forward or back). It runs before any
 * door opens, so no other operation works on the state; it must be idempotent, since a kill during recovery leaves
 * the intent open for the next start. Returns what it changed, for the log.
 */
@FunctionalInterface
public interface IntentRecovery {
    List<String> recover(Intent intent);
}
