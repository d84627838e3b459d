package io.labvisor.imds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the instance metadata server running in labvisor's network namespace, for every labvisor state on the host:
 * one server process per namespace (not per state: the states' guests share the default subnet's bridge and the one
 * address 169.254.169.254:80), started on demand by a launch, found again by its pidfile and
 * {@code /proc/<pid>/cmdline} like the cards, and left running when labvisor exits. Each launching state registers
 * its state directory with it ({@link StateRegistry}).
 * <p>
 * The address is a /32 on the namespace's loopback (not a dummy interface: kernels without CONFIG_DUMMY, such as
 * this project's CI machines, have none). A guest reaches it through a link-scope route on its NIC (the tiny AMI's
 * DHCP hook adds it): Linux answers ARP for any of its local addresses on any interface, so the namespace answers
 * for 169.254.169.254 on every subnet bridge and no per-bridge address or router is needed.
 */
public final class MetadataService {
    private static final Logger log = LoggerFactory.getLogger(MetadataService.class);
    public static final String ADDRESS = "169.254.169.254";
    static final String DEVICE = "lo";
    static final String MAIN = MetadataServerMain.class.getName();
    private static final Duration READY = Duration.ofSeconds(90); // a JVM start on a busy 2-CPU host

    private final Path dir;
    private final String netns;
    private final Path stateDir;

    /**
     * @param dir      the server's directory: pidfile, log, registered states ({@code /run/labvisor/imds})
     * @param netns    labvisor's network namespace
     * @param stateDir this labvisor's state directory, registered with the server
     */
    public MetadataService(Path dir, String netns, Path stateDir) {
        this.dir = dir;
        this.netns = netns;
        this.stateDir = stateDir;
    }

    static Path pidFile(Path dir) {
        return dir.resolve("server.pid");
    }

    static Path statesDir(Path dir) {
        return dir.resolve("states");
    }

    public Path logFile() {
        return dir.resolve("server.log");
    }

    /** Registers this state and makes sure the server runs; returns its pid. */
    public synchronized long ensure() {
        try {
            new StateRegistry(statesDir(dir)).register(stateDir);
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve("server.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                Optional<ProcessHandle> running = find();
                if (running.isPresent() && !olderThanCode(running.get())) {
                    return running.get().pid();
                }
                running.ifPresent(this::replace);
                plumb();
                return start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the instance metadata service: " + e.getMessage(), e);
        }
    }

    /** The running server, if its pidfile names a live metadata server of this directory. */
    public Optional<ProcessHandle> find() {
        try {
            long pid = Long.parseLong(Files.readString(pidFile(dir)).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> {
                try {
                    return isServer(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")), dir);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A server started before its code was last built (an upgrade, or a rebuild in a work tree) is replaced: its
     * jar or class files changed under it, and it would answer with the old code.
     */
    private static boolean olderThanCode(ProcessHandle server) {
        Optional<java.time.Instant> started = server.info().startInstant();
        return started.isPresent() && codeBuiltAt().isAfter(started.get());
    }

    /** When this server's code was written: its jar, or its package's class files in a class directory. */
    static java.time.Instant codeBuiltAt() {
        try {
            Path source = Path.of(MetadataServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(source)) {
                return Files.getLastModifiedTime(source).toInstant();
            }
            Path pkg = source.resolve(MetadataServerMain.class.getPackageName().replace('.', '/'));
            try (var files = Files.list(pkg)) {
                return files.map(f -> {
                    try {
                        return Files.getLastModifiedTime(f).toInstant();
                    } catch (IOException e) {
                        return java.time.Instant.EPOCH;
                    }
                }).max(java.time.Instant::compareTo).orElse(java.time.Instant.EPOCH);
            }
        } catch (IOException | java.net.URISyntaxException e) {
            return java.time.Instant.EPOCH;
        }
    }

    private void replace(ProcessHandle old) {
        log.info("replacing the instance metadata server (pid {}): its code was rebuilt since it started", old.pid());
        old.destroy();
        try {
            old.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            old.destroyForcibly();
            old.onExit().join();
        }
    }

    static boolean isServer(String cmdline, Path dir) {
        List<String> args = List.of(cmdline.split("\0"));
        int i = args.indexOf("--dir");
        return args.contains(MAIN) && i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(dir.toString());
    }

    /** The address on the namespace's loopback (idempotent). */
    private void plumb() throws IOException {
        ip("addr", "replace", ADDRESS + "/32", "dev", DEVICE);
        ip("link", "set", DEVICE, "up");
    }

    private long start() throws IOException {
        Files.deleteIfExists(pidFile(dir));
        List<String> argv = argv(javaCommand(), classpath(), netns, dir);
        Process process = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the instance metadata server exited with status "
                        + process.exitValue() + "; see " + logFile());
            }
            if (find().map(p -> p.pid() == process.pid()).orElse(false)) {
                log.info("instance metadata server started: pid {} in netns {}, log {}", process.pid(), netns,
                        logFile());
                return process.pid();
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the instance metadata server did not listen within " + READY + "; see "
                + logFile());
    }

    /**
     * {@code ip netns exec} puts the server in the guest namespace; {@code setsid} keeps it out of the CLI's process
     * group. A small heap and the client compiler: it answers a handful of requests per boot.
     */
    static List<String> argv(String java, String classpath, String netns, Path dir) {
        return List.of("/usr/bin/ip", "netns", "exec", netns, "/usr/bin/setsid", java,
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, MAIN,
                "--dir", dir.toString(), "--address", ADDRESS, "--port", "80");
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Where this server's classes and its libraries come from (the jar, or target/classes and the Maven
     * repository), taken from the classes themselves: the launching JVM's class path may be a temporary
     * manifest-only jar (Maven's test runners).
     */
    static String classpath() {
        Set<String> parts = new LinkedHashSet<>();
        for (Class<?> c : List.of(MetadataServerMain.class, org.sqlite.JDBC.class, org.slf4j.LoggerFactory.class,
                ch.qos.logback.classic.LoggerContext.class, ch.qos.logback.core.Context.class,
                com.fasterxml.jackson.databind.ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class)) {
            try {
                parts.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    private void ip(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/ip", "netns", "exec", netns, "/usr/bin/ip"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", argv) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
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
