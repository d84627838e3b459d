package io.labvisor.card;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An exclusive lock on a file, across processes (fcntl lock) and across threads of this JVM (the fcntl lock is
 * per process, and Java refuses to take it twice, so a JVM-wide monitor per path comes first).
 */
final class CardLock {
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private CardLock() {
    }

    static <T> T with(Path file, Supplier<T> action) {
        Object monitor = MONITORS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Object());
        synchronized (monitor) {
            try {
                Files.createDirectories(file.getParent());
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = channel.lock()) {
                    return action.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + file, e);
            }
        }
    }
}
