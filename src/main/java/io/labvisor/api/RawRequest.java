package io.labvisor.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as it arrived, before anything is decoded: SigV4 signs the wire form, so the verifier needs the
 * raw path and query, every header value in order, and the exact body bytes.
 *
 * @param rawPath  the request path, still percent-encoded
 * @param rawQuery the query string without {@code ?}, still percent-encoded; empty when there is none
 * @param headers  header values by lower-case name, repeated fields in arrival order
 */
public record RawRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                         byte[] body) {

    public RawRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                k -> new java.util.ArrayList<>()).addAll(values));
        lower.replaceAll((k, v) -> List.copyOf(v));
        headers = java.util.Collections.unmodifiableMap(lower);
        body = body.clone();
    }

    /** All values of a header (any case of name), in arrival order; empty when absent. */
    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The header's only value, or null when absent. */
    public String firstHeader(String name) {
        List<String> values = header(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
