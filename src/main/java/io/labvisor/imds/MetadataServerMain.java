package io.labvisor.imds;

import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * The metadata server process: {@code MetadataServerMain --dir DIR --address 169.254.169.254 --port 80}, started by
 * {@link MetadataService} inside labvisor's network namespace. It writes {@code DIR/server.pid} once it listens
 * (that is how its starter knows it is ready) and serves until killed.
 */
public final class MetadataServerMain {
    private static final Logger log = LoggerFactory.getLogger(MetadataServerMain.class);
    static final int THREADS = 64;
    static final long MAX_REQUEST_SECONDS = 5;

    private MetadataServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        String address = MetadataService.ADDRESS;
        int port = 80;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--address" -> address = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("usage: MetadataServerMain --dir DIR [--address A] [--port P]");
        }
        // labvisor's logback.xml keeps the CLI quiet (WARN); this server's request log is its point
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.labvisor.imds")).setLevel(Level.INFO);
        Callers callers = new Callers(new StateRegistry(MetadataService.statesDir(dir)));
        MetadataHandler handler = new MetadataHandler(callers::identify, Tokens.random());
        warmUp(handler);
        limitSlowClients();
        start(new InetSocketAddress(address, port), handler);
        Files.writeString(MetadataService.pidFile(dir), ProcessHandle.current().pid() + "\n");
        log.info("instance metadata service listening on {}:{} (pid {}), states from {}", address, port,
                ProcessHandle.current().pid(), MetadataService.statesDir(dir));
    }

    /**
     * The JDK server reads a request's line and headers on an executor thread, with no timeout of its own: one slow
     * guest per thread would stall every guest. Its timer closes a connection whose request takes longer than
     * maxReqTime (seconds); read once, when the first server is made, so set before it.
     */
    static void limitSlowClients() {
        System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_SECONDS));
        System.setProperty("sun.net.httpserver.maxRspTime", Long.toString(MAX_REQUEST_SECONDS));
        System.setProperty("sun.net.httpserver.idleInterval", "30");
        System.setProperty("sun.net.httpserver.maxReqHeaders", "64");
    }

    /**
     * Serves on a bounded pool: larger than the guests one host runs at once send requests, so a few slow ones
     * leave threads for the rest until the timeout closes them.
     *
     * <p>EC2 answers a token PUT with the IP TTL set to the instance's HttpPutResponseHopLimit (default 1) so
     * that it does not travel past a container bridge. The JDK server gives no access to its sockets and Java has
     * no unicast IP_TTL option, so the hop limit is not applied; the guests sit directly on the subnet's bridge.
     */
    static HttpServer start(InetSocketAddress address, MetadataHandler handler) throws java.io.IOException {
        HttpServer server = HttpServer.create(address, 128);
        server.createContext("/", handler);
        server.setExecutor(Executors.newFixedThreadPool(THREADS));
        server.start();
        return server;
    }

    /**
     * Loads the classes a request needs (SQLite's driver and native library included) before serving: the jar or
     * class directory this server was started from may be rebuilt under it later.
     */
    private static void warmUp(MetadataHandler handler) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:")) {
            c.createStatement().execute("SELECT 1");
        }
        NeighbourTable.parse("IP address HW type Flags HW address Mask Device\n"
                + "10.0.0.5 0x1 0x2 02:00:00:00:00:01 * lvbr0\n");
        InstanceMetadata sample = new InstanceMetadata("i-0", "t3.nano", "ami-0", 0, "r-0", "2026-01-01T00:00:00Z", "02:00:00:00:00:01",
                "10.0.0.5", "subnet-0", "10.0.0.0/24", "vpc-0", "10.0.0.0/16", java.util.List.of("sg-0"),
                java.util.List.of("default"), "lab-1a", "lab-1", "0", java.util.Optional.empty());
        Tokens tokens = Tokens.random();
        tokens.valid(tokens.issue("i-0", 1), "i-0");
        for (String path : new String[] {"/latest/meta-data/", "/latest/meta-data/instance-id", "/nope",
                "/latest/dynamic/instance-identity/document"}) {
            handler.answer("GET", path, java.util.Optional.of(sample), h -> null);
        }
        handler.answer("PUT", MetadataHandler.TOKEN_PATH, java.util.Optional.of(sample), h -> "60");
    }
}
