package io.labvisor.card;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts, finds and stops storage card processes. A card outlives the labvisor process that started it (the
 * CLI exits after run-instances); it is found again by its pidfile and {@code /proc/<pid>/cmdline}.
 */
public final class StorageCardProcesses implements CardProcesses<StorageCardSpec> {
    private static final Logger log = LoggerFactory.getLogger(StorageCardProcesses.class);
    private static final Duration READY = Duration.ofSeconds(20);

    /** The user QEMU runs as under qemu:///system; it must be able to connect to the sockets. */
    private final String qemuUser;

    public StorageCardProcesses(String qemuUser) {
        this.qemuUser = qemuUser;
    }

    /** Starts the card and waits until its exports listen; the card is running when this returns. */
    @Override
    public ProcessHandle start(StorageCardSpec spec) {
        try {
            Files.createDirectories(spec.pidFile().getParent());
            Files.deleteIfExists(spec.pidFile());
            for (CardVolume v : spec.volumes()) {
                Files.createDirectories(v.socket().getParent());
                Files.deleteIfExists(v.socket());
            }
            Files.deleteIfExists(spec.qmpSocket());
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
                CardControl.grantQemu(v.socket(), qemuUser);
            }
            // The monitor can open any host file: root only.
            Files.setPosixFilePermissions(spec.qmpSocket(), java.nio.file.attribute.PosixFilePermissions
                    .fromString("rw-------"));
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
                        + process.exitValue() + ": " + CardControl.tail(spec.logFile()));
            }
            boolean ready = CardControl.readPid(spec.pidFile()).filter(pid -> pid == process.pid()).isPresent()
                    && spec.volumes().stream().allMatch(v -> Files.exists(v.socket()))
                    && Files.exists(spec.qmpSocket());
            if (ready) {
                return;
            }
            CardControl.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the storage card of " + spec.instanceId() + " was not ready within "
                + READY + ": " + CardControl.tail(spec.logFile()));
    }

    @Override
    public void stop(String instanceId, CardLayout layout) {
        Path pidFile = layout.pidFile(instanceId);
        CardControl.terminate("storage card of " + instanceId, pidFile,
                c -> c.contains(StorageCardSpec.DAEMON) && c.contains(pidFile.toString()));
        removeFiles(instanceId, pidFile, layout.socketDir(instanceId));
    }

    private static void removeFiles(String instanceId, Path pidFile, Path socketDir) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", pidFile, e.getMessage());
        }
        CardControl.removeSockets(socketDir, StorageCardSpec::isCardSocket);
    }
}
