package io.labvisor.imds;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves a request path in EC2's metadata tree, as EC2 answers it: a leaf gives its value, a directory (with or
 * without the trailing slash) the names under it, one a line, subdirectories with a trailing slash. Pure.
 */
final class MetadataTree {
    private MetadataTree() {
    }

    /** The body for {@code path} (e.g. {@code /latest/meta-data/placement/availability-zone}), or empty: 404. */
    static Optional<byte[]> resolve(Map<String, Object> root, String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        boolean wantsDirectory = path.endsWith("/");
        Object node = root;
        for (String part : path.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue; // "/" itself, or the trailing slash
            }
            if (!(node instanceof Map<?, ?> dir) || !dir.containsKey(part)) {
                return Optional.empty();
            }
            node = dir.get(part);
        }
        if (node instanceof Map<?, ?> dir) {
            return Optional.of(listing(dir).getBytes(StandardCharsets.UTF_8));
        }
        if (wantsDirectory) {
            return Optional.empty();
        }
        return Optional.of(node instanceof byte[] b ? b : node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String listing(Map<?, ?> dir) {
        return dir.entrySet().stream()
                .map(e -> e.getKey() + (e.getValue() instanceof Map ? "/" : ""))
                .sorted()
                .collect(Collectors.joining("\n"));
    }
}
