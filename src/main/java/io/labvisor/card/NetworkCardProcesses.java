package io.labvisor.card;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts, finds and stops network card processes, and plugs each card's tap into its bridge. A card outlives the
 * labvisor process that started it and is found again by its pidfile and {@code /proc/<pid>/cmdline}.
 */
public final class NetworkCardProcesses implements CardProcesses<NetworkCardSpec> {
    private static final Logger log = LoggerFactory.getLogger(NetworkCardProcesses.class);
    private static final Duration READY = Duration.ofSeconds(30);

    private final String qemuUser;
    private final TapFilters filters;

    public NetworkCardProcesses(String qemuUser, TapFilters filters) {
        this.qemuUser = qemuUser;
        this.filters = filters;
    }

    @Override
    public ProcessHandle start(NetworkCardSpec spec) {
        long t0 = System.nanoTime();
        long ready;
        long filtered;
        try {
            Files.createDirectories(spec.pidFile().getParent());
            Files.createDirectories(spec.socket().getParent());
            Files.deleteIfExists(spec.pidFile());
            // one started by a labvisord killed before it wrote the pidfile would hold DPDK's lock and the tap
            CardControl.terminateAll("orphaned network card of " + spec.instanceId(),
                    c -> NetworkCardSpec.isCard(c, spec.instanceId()));
            Files.deleteIfExists(spec.socket()); // left by a killed card: the vhost server could not bind it
            if (!Files.exists(spec.stdin())) {
                run(List.of("/usr/bin/mkfifo", "-m", "600", spec.stdin().toString()));
            }
            Process process = new ProcessBuilder(spec.argv())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectErrorStream(true)
                    .start();
            try {
                awaitReady(spec, process);
                ready = System.nanoTime();
                PollingPriority.lower(process.pid());
                // The tap is the card's own (it vanishes with the process), so every start filters it and plugs it
                // in again, in that order: no packet crosses the bridge unfiltered.
                spec.binding().ifPresent(filters::bind);
                filtered = System.nanoTime();
                run(List.of("/usr/bin/ip", "netns", "exec", spec.netns(),
                        "/usr/bin/ip", "link", "set", spec.tap(), "master", spec.bridge(), "up"));
                CardControl.grantQemu(spec.socket(), qemuUser);
                Files.writeString(spec.pidFile(), process.pid() + "\n");
            } catch (RuntimeException | IOException e) {
                process.destroyForcibly();
                removeFiles(spec.instanceId(), spec.pidFile(), spec.stdin(), spec.socket().getParent());
                throw e;
            }
            long done = System.nanoTime();
            log.info("network card of {} started in {} ms (ready {} ms, filter {} ms): pid {} on CPUs {}, tap {} on {}, "
                    + "log {}", spec.instanceId(), (done - t0) / 1_000_000, (ready - t0) / 1_000_000,
                    (filtered - ready) / 1_000_000, process.pid(), spec.cpus(), spec.tap(), spec.bridge(),
                    spec.logFile());
            return process.toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the network card of " + spec.instanceId(), e);
        }
    }

    /** Ready when the vhost-user socket listens and the tap exists in the namespace. */
    private void awaitReady(NetworkCardSpec spec, Process process) throws IOException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the network card of " + spec.instanceId() + " exited with status "
                        + process.exitValue() + ": " + CardControl.tail(spec.logFile()));
            }
            if (Files.exists(spec.socket()) && tapExists(spec)) {
                return;
            }
            CardControl.sleep(100);
        }
        throw new IllegalStateException("the network card of " + spec.instanceId() + " was not ready within "
                + READY + ": " + CardControl.tail(spec.logFile()));
    }

    private static boolean tapExists(NetworkCardSpec spec) throws IOException {
        return exitCode(List.of("/usr/bin/ip", "netns", "exec", spec.netns(),
                "/usr/bin/ip", "link", "show", "dev", spec.tap())) == 0;
    }

    @Override
    public void stop(String instanceId, CardLayout layout) {
        Path pidFile = layout.pidFile(instanceId);
        CardControl.terminate("network card of " + instanceId, pidFile, c -> NetworkCardSpec.isCard(c, instanceId));
        CardControl.terminateAll("orphaned network card of " + instanceId, c -> NetworkCardSpec.isCard(c, instanceId));
        try {
            filters.unbind(NetworkCardSpec.tapName(instanceId));
        } catch (RuntimeException e) { // the card is gone either way; a stale binding is replaced on the next bind
            log.warn("cannot remove the filter of the network card of {}: {}", instanceId, e.getMessage());
        }
        removeFiles(instanceId, pidFile, layout.stdinFifo(instanceId), layout.socketDir(instanceId));
    }

    private static void removeFiles(String instanceId, Path pidFile, Path stdin, Path socketDir) {
        try {
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(stdin);
        } catch (IOException e) {
            log.warn("cannot remove the files of the network card of {}: {}", instanceId, e.getMessage());
        }
        CardControl.removeSockets(socketDir, NetworkCardSpec.SOCKET_NAME::equals);
    }

    private static void run(List<String> argv) throws IOException {
        int rc = exitCode(argv);
        if (rc != 0) {
            throw new IOException(String.join(" ", argv) + " failed with status " + rc);
        }
    }

    private static int exitCode(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
