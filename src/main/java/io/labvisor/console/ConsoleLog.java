package io.labvisor.console;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An instance's serial console as logged by libvirt's virtlogd ({@code <log file=.../>} on the serial device).
 * EC2's GetConsoleOutput returns at most the last 64 KiB; so does {@link #tail()}.
 */
public final class ConsoleLog {
    public static final int EC2_MAX_BYTES = 64 * 1024;
    private final Path file;

    public ConsoleLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The last 64 KiB of console output (empty before the guest printed anything). */
    public String tail() {
        return read(EC2_MAX_BYTES);
    }

    public String read(int maxBytes) {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(0, len - maxBytes);
            byte[] buf = new byte[(int) (len - from)];
            f.seek(from);
            f.readFully(buf);
            return new String(buf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Every complete protocol line the guest printed so far, in order. */
    public List<GuestLine> lines() {
        String text = read(Integer.MAX_VALUE - 8);
        // virtlogd may have written only part of the last line; it counts once its newline arrives
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        return complete.lines().map(GuestLine::parse).flatMap(Optional::stream).toList();
    }

    public Optional<GuestLine> first(String kind) {
        return lines().stream().filter(l -> l.kind().equals(kind)).findFirst();
    }

    /**
     * Waits until a protocol line matching {@code match} appears, checking the file every 50 ms (virtlogd appends
     * to it; there is no event for a console line).
     */
    public Optional<GuestLine> await(Predicate<GuestLine> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<GuestLine> hit = lines().stream().filter(match).findFirst();
            if (hit.isPresent() || System.nanoTime() > deadline) {
                return hit;
            }
            Thread.sleep(50);
        }
    }

    public Optional<GuestLine> await(String kind, Duration timeout) throws InterruptedException {
        return await(l -> l.kind().equals(kind), timeout);
    }
}
