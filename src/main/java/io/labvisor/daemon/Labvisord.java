package io.labvisor.daemon;

import ch.qos.logback.classic.Level;
import io.labvisor.Labvisor;
import io.labvisor.api.ApiServer;
import io.labvisor.config.LabvisorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * labvisord, the controller: the one process that writes a state. It holds the libvirt connection and its events,
 * keeps every card and the metadata server up, reconciles at start and on a slow sweep, and serves both doors: the
 * EC2 Query API on TCP and the CLI on a root-only unix socket. One per state folder (a lock file says so). When its
 * libvirt connection is lost (libvirtd restarted) it exits; its supervisor (scripts/labvisord.sh or systemd) starts
 * it again, and the new one reconnects, adopts the running cards and reconciles.
 */
public final class Labvisord {
    private static final Logger log = LoggerFactory.getLogger(Labvisord.class);
    static final Duration SWEEP = Duration.ofSeconds(30);
    /** The exit status when libvirt went away: the supervisor restarts the daemon. */
    static final int EXIT_LIBVIRT_LOST = 75;

    private Labvisord() {
    }

    /** Options: {@code --port N} (0: any free port), {@code --bind ADDR}, {@code --no-api}. */
    record Options(int port, String bind, boolean api) {
        static Options parse(String[] args) {
            int port = ApiServer.DEFAULT_PORT;
            String bind = ApiServer.DEFAULT_BIND;
            boolean api = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                    case "--bind" -> bind = value(args, ++i, "--bind");
                    case "--no-api" -> api = false;
                    default -> throw new IllegalArgumentException("labvisord: unknown option " + args[i]
                            + " (known: --port N, --bind ADDR, --no-api)");
                }
            }
            return new Options(port, bind, api);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException("labvisord: " + name + " needs a value");
            }
            return args[i];
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.labvisor")).setLevel(Level.INFO);
        LabvisorConfig config = LabvisorConfig.fromEnvironment();
        Files.createDirectories(config.stateDir());
        FileLock lock = lockState(config.stateDir());
        if (lock == null) {
            System.err.println("labvisord already runs for " + config.stateDir() + " (pid "
                    + readPid(config.stateDir()) + ")");
            System.exit(1);
            return;
        }
        List<AutoCloseable> open = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("labvisord stopping");
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception e) {
                    log.warn("closing: {}", e.toString());
                }
            }
            stopped.countDown();
        }, "labvisord-stop"));

        // Under the state lock no other process works on this state: what a killed one left half done is ours.
        // The intents it recorded are settled as the state opens, before the first reconciliation; then traces
        // that no intent names (states written before the journal).
        Labvisor labvisor = Labvisor.openRecovering(config);
        open.add(labvisor);
        List<String> recovered = new ArrayList<>(labvisor.volumeService().recoverInterrupted());
        recovered.addAll(labvisor.images().removeInterruptedImports());
        if (!recovered.isEmpty()) {
            log.info("finished what a killed labvisor left: {}", recovered);
        }
        log.info("state {} on {}: reconciled {}", config.stateDir(), config.libvirtUri(),
                labvisor.reconciled().changes());
        labvisor.controller().startSweep(SWEEP, () -> new Thread(() -> System.exit(EXIT_LIBVIRT_LOST),
                "labvisord-exit").start());
        try {
            labvisor.controller().watchMetadata();
        } catch (RuntimeException e) {
            log.warn("instance metadata service unavailable: {}", e.getMessage());
        }
        DaemonStatus status = new DaemonStatus(labvisor);
        if (options.api()) {
            if (!InetAddress.getByName(options.bind()).isLoopbackAddress()) {
                log.warn("Query API on {}: anyone who can reach it and holds an access key controls this host's "
                        + "guests", options.bind());
            }
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.labvisor.api")).setLevel(Level.INFO);
            ApiServer api = ApiServer.start(ApiServer.endpoint(labvisor), options.bind(), options.port());
            open.add(api);
            status.api(api.uri().toString());
            log.info("EC2 Query API on {}", api.uri());
            Files.writeString(config.stateDir().resolve("labvisord.api"), api.uri() + "\n");
        }
        open.add(ControlSocket.open(ControlProtocol.socket(config.stateDir()), new CliDoor(labvisor, status)));
        Path pidFile = config.stateDir().resolve("labvisord.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        open.add(() -> Files.deleteIfExists(pidFile));
        log.info("labvisord ready (pid {}): CLI on {}", ProcessHandle.current().pid(),
                ControlProtocol.socket(config.stateDir()));
        stopped.await();
    }

    /** An exclusive lock on the state folder, held for the daemon's life; null when another daemon holds it. */
    private static FileLock lockState(Path stateDir) throws IOException {
        FileChannel channel = FileChannel.open(stateDir.resolve("labvisord.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
        }
        return lock;
    }

    private static String readPid(Path stateDir) {
        try {
            return Files.readString(stateDir.resolve("labvisord.pid")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
