package io.labvisor.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One line of the guest console protocol (docs/CONTRACTS.md), e.g.
 * {@code LABVISOR-BOOT uptime_ms=1834 vcpus=2 memtotal_kb=1001234}.
 */
public record GuestLine(String kind, Map<String, String> fields) {
    public static final String BOOT = "LABVISOR-BOOT";
    public static final String DEV = "LABVISOR-DEV";
    public static final String READY = "LABVISOR-READY";

    /** Parses a console line; empty for anything that is not a protocol line (kernel messages, shell output). */
    public static Optional<GuestLine> parse(String line) {
        String l = line.strip();
        int start = l.indexOf("LABVISOR-");
        if (start < 0) {
            return Optional.empty();
        }
        String[] parts = l.substring(start).split(" +");
        if (!parts[0].matches("LABVISOR-[A-Z]+(-[A-Z]+)*")) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        return Optional.of(new GuestLine(parts[0], java.util.Collections.unmodifiableMap(fields)));
    }

    public String get(String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new IllegalStateException(kind + " line has no " + key + ": " + fields);
        }
        return v;
    }

    public long getLong(String key) {
        return Long.parseLong(get(key));
    }
}
