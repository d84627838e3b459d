package io.labvisor.api.actions;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The actions the API answers, by {@code Action} name (case-sensitive, as in EC2). */
public final class ActionRegistry {
    private final Map<String, ActionHandler> byName = new TreeMap<>();

    public ActionRegistry(List<? extends ActionHandler> handlers) {
        for (ActionHandler h : handlers) {
            if (byName.put(h.action(), h) != null) {
                throw new IllegalArgumentException("two handlers for " + h.action());
            }
        }
    }

    public Optional<ActionHandler> find(String action) {
        return Optional.ofNullable(byName.get(action));
    }

    public Set<String> actions() {
        return Collections.unmodifiableSet(byName.keySet());
    }
}
