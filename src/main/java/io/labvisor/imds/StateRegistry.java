package io.labvisor.imds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The labvisor state directories whose instances the metadata service answers: one small file each (named by a hash
 * of the path, holding the path), written by every labvisor that launches an instance. Guests of several states
 * share the default subnet's bridge and the one address 169.254.169.254 in the namespace, so one server serves
 * them all. A state whose database is gone (a removed test state) is skipped.
 */
final class StateRegistry {
    static final String DATABASE = "labvisor.db";
    private final Path dir;

    StateRegistry(Path dir) {
        this.dir = dir;
    }

    void register(Path stateDir) throws IOException {
        Path absolute = stateDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path file = dir.resolve(name(absolute));
        if (!Files.exists(file)) {
            Path tmp = Files.createTempFile(dir, ".state", ".tmp");
            Files.writeString(tmp, absolute.toString());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Registered state directories that still have a database. */
    List<Path> states() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                try {
                    Path state = Path.of(Files.readString(f).strip());
                    if (Files.isRegularFile(state.resolve(DATABASE))) {
                        out.add(state);
                    }
                } catch (IOException e) {
                    // removed meanwhile
                }
            }
        }
        return out;
    }

    static String name(Path stateDir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(stateDir.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
