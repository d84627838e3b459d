package io.labvisor.card;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Process and file chores every card kind shares: pidfiles, /proc cmdlines, socket access, TERM-then-KILL. */
final class CardControl {
    private static final Logger log = LoggerFactory.getLogger(CardControl.class);
    private static final Duration STOP = Duration.ofSeconds(5);

    private CardControl() {
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<String> cmdline(long pid) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** TERMs the live process {@code pidFile} names if its cmdline passes {@code isCard}, then KILLs it if need be. */
    static void terminate(String what, Path pidFile, Predicate<String> isCard) {
        readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> cmdline(p.pid()).map(isCard::test).orElse(false))
                .ifPresent(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(STOP.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        log.warn("{} (pid {}) ignored TERM, killing it", what, p.pid());
                        p.destroyForcibly();
                    }
                    log.info("{} stopped (pid {})", what, p.pid());
                });
    }

    /**
     * TERMs (then KILLs) every live process whose cmdline passes {@code isCard}, pidfile or not: a card whose
     * starter was killed before it wrote the pidfile still holds the card's locks (DPDK's file prefix) and tap.
     */
    static void terminateAll(String what, Predicate<String> isCard) {
        ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> cmdline(p.pid()).map(isCard::test).orElse(false))
                .forEach(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(STOP.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        log.warn("{} (pid {}) ignored TERM, killing it", what, p.pid());
                        p.destroyForcibly();
                    }
                    log.info("{} stopped (pid {}, named by no pidfile)", what, p.pid());
                });
    }

    /** Removes the sockets {@code mine} selects, then the instance's socket directory once no card uses it. */
    static void removeSockets(Path socketDir, Predicate<String> mine) {
        try {
            if (Files.isDirectory(socketDir)) {
                try (var files = Files.list(socketDir)) {
                    for (Path f : files.toList()) {
                        if (mine.test(f.getFileName().toString())) {
                            Files.deleteIfExists(f);
                        }
                    }
                }
                try (var rest = Files.list(socketDir)) {
                    if (rest.findAny().isEmpty()) {
                        Files.deleteIfExists(socketDir);
                    }
                }
            }
        } catch (IOException e) {
            log.warn("cannot remove sockets in {}: {}", socketDir, e.getMessage());
        }
    }

    /** Owner root, group QEMU's, mode 0660: QEMU may connect, other local users may not. */
    static void grantQemu(Path socket, String qemuUser) throws IOException {
        try {
            GroupPrincipal group = socket.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(qemuUser);
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        } catch (UserPrincipalNotFoundException e) {
            log.debug("no group {}: QEMU runs as root here, socket {} left as is", qemuUser, socket);
        }
    }

    static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
