package io.labvisor.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One journal entry: an operation of {@code kind} on {@code resources} that began at {@code startedAt} and has
 * not ended. {@code detail} names what it was about to create (pool volumes, staging folders), so a recovery
 * can find every trace of it without guessing.
 */
public record Intent(long id, IntentKind kind, List<String> resources, Map<String, String> detail,
                     Instant startedAt) {
    public Intent {
        resources = List.copyOf(resources);
        detail = Map.copyOf(detail);
    }

    /** The detail's list value under {@code key} (comma-separated), empty when absent. */
    public List<String> list(String key) {
        String value = detail.getOrDefault(key, "");
        return value.isEmpty() ? List.of() : List.of(value.split(","));
    }

    @Override
    public String toString() {
        return kind + "#" + id + " " + resources + (detail.isEmpty() ? "" : " " + detail);
    }
}
