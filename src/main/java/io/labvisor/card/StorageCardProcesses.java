package io.labvisor.card;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.Optional;

/**
 * Starts, finds and stops storage card processes. A card outlives the labvisor process that started it (the
 * CLI exits after run-instances); it is found again by its pidfile and {@code /proc/<pid>/cmdline}.
 */
public final class StorageCardProcesses {
    private static final Logger log = LoggerFactory.getLogger(StorageCardProcesses.class);
    private static final Duration READY = Duration.ofSeconds(20);
    private static final Duration STOP = Duration.ofSeconds(5);

    /** The user QEMU runs as under qemu:///system; it must be able to connect to the sockets. */
    private final String qemuUser;

    public StorageCardProcesses(String qemuUser) {
        this.qemuUser = qemuUser;
    }

    /** The running card of {@code spec}, if its pidfile names a live process that is that card. */
    public Optional<ProcessHandle> find(StorageCardSpec spec) {
        return readPid(spec.pidFile()).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> cmdline(p.pid()).map(spec::matchesCmdline).orElse(false));
    }

    /** Starts the card and waits until its exports listen; the card is running when this returns. */
    public ProcessHandle start(StorageCardSpec spec) {
        try {
            Files.createDirectories(spec.pidFile().getParent());
            Files.deleteIfExists(spec.pidFile());
            for (CardVolume v : spec.volumes()) {
                Files.createDirectories(v.socket().getParent());
                Files.deleteIfExists(v.socket());
            }
            Process process = new ProcessBuilder(spec.argv())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectErrorStream(true)
                    .start();
            try {
                awaitReady(spec, process);
            } catch (RuntimeException e) {
                removeFiles(spec.instanceId(), spec.pidFile(), spec.volumes().get(0).socket().getParent());
                throw e;
            }
            for (CardVolume v : spec.volumes()) {
                grantQemu(v.socket());
            }
            log.info("storage card of {} started: pid {} on CPUs {}, log {}", spec.instanceId(), process.pid(),
                    spec.cpus(), spec.logFile());
            return process.toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the storage card of " + spec.instanceId(), e);
        }
    }

    private void awaitReady(StorageCardSpec spec, Process process) throws IOException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the storage card of " + spec.instanceId() + " exited with status "
                        + process.exitValue() + ": " + tail(spec.logFile()));
            }
            boolean ready = readPid(spec.pidFile()).filter(pid -> pid == process.pid()).isPresent()
                    && spec.volumes().stream().allMatch(v -> Files.exists(v.socket()));
            if (ready) {
                return;
            }
            sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the storage card of " + spec.instanceId() + " was not ready within "
                + READY + ": " + tail(spec.logFile()));
    }

    /** Owner root, group QEMU's, mode 0660: QEMU may connect, other local users may not. */
    private void grantQemu(Path socket) throws IOException {
        UserPrincipalLookupService users = socket.getFileSystem().getUserPrincipalLookupService();
        try {
            GroupPrincipal group = users.lookupPrincipalByGroupName(qemuUser);
            Files.getFileAttributeView(socket, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        } catch (UserPrincipalNotFoundException e) {
            log.debug("no group {}: QEMU runs as root here, socket {} left as is", qemuUser, socket);
        }
    }

    /**
     * Stops the card a pidfile names (TERM, then KILL) and removes its pidfile and sockets. Needs no volume list,
     * so it also stops cards of instances whose rows are gone.
     */
    public void stop(String instanceId, Path pidFile, Path socketDir) {
        readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> cmdline(p.pid()).map(c -> c.contains(StorageCardSpec.DAEMON)
                        && c.contains(pidFile.toString())).orElse(false))
                .ifPresent(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(STOP.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        log.warn("storage card of {} (pid {}) ignored TERM, killing it", instanceId, p.pid());
                        p.destroyForcibly();
                    }
                    log.info("storage card of {} stopped (pid {})", instanceId, p.pid());
                });
        removeFiles(instanceId, pidFile, socketDir);
    }

    private static void removeFiles(String instanceId, Path pidFile, Path socketDir) {
        try {
            Files.deleteIfExists(pidFile);
            if (Files.isDirectory(socketDir)) {
                try (var files = Files.list(socketDir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(socketDir);
            }
        } catch (IOException e) {
            log.warn("cannot remove the files of the storage card of {}: {}", instanceId, e.getMessage());
        }
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

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
