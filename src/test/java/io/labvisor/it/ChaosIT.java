package io.labvisor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.StoragePool;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety by intents: labvisord is killed with SIGKILL at a random point of each multi-step operation
 * (register-image, create/delete-volume, create-snapshot, attach/detach, stop/start, create-image, run-instances,
 * terminate-instances), started again, and after each restart the state must be whole: no intent left open, every
 * pool file has a row and every row its file, no volume creating or deleting, no staging folder or transient
 * staging pool, no domain of this state that no live instance names, every instance settled (running with an
 * active domain, stopped with a shut-off one, or terminated) within a bounded time, every attached data volume
 * detaches, and the marker written into a data volume before the first kill reads back after every restart.
 * The daemon runs without its supervisor, so the test restarts it at once. {@code -Dchaos.seed=N} replays a run
 * (the seed and every kill point are printed); {@code -Dchaos.kills=N} sets the kills per operation (2).
 */
class ChaosIT {
    private static final Path JAR = TestHost.ROOT.resolve("target/labvisor.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final long MARKER_OFFSET = 1 << 20;
    private static final int MARKER_BYTES = 64 << 10;
    private static final String MARKER_PATTERN = "0x5a";

    /**
     * Each operation, its intent, and the window in which the kill falls: a random point from the moment its
     * intent is in the journal (the daemon has begun it) to about how long it takes here.
     */
    enum Operation {
        REGISTER_IMAGE("REGISTER_IMAGE", 2500), CREATE_VOLUME("CREATE_VOLUME", 150),
        DELETE_VOLUME("DELETE_VOLUME", 100), CREATE_SNAPSHOT("CREATE_SNAPSHOT", 500),
        ATTACH_VOLUME("ATTACH_VOLUME", 800), DETACH_VOLUME("DETACH_VOLUME", 600), STOP_INSTANCES("STOP", 3000),
        CREATE_IMAGE("CREATE_IMAGE", 1200), START_INSTANCES("START", 1500), RUN_INSTANCES("LAUNCH", 3000),
        TERMINATE_INSTANCES("TERMINATE", 4000);

        final String intent;
        final int windowMs;

        Operation(String intent, int windowMs) {
            this.intent = intent;
            this.windowMs = windowMs;
        }
    }

    private static String id;
    private static Map<String, String> env;
    private static Path state;
    private static Process daemon;
    private static Connect libvirt;
    private static String ami;
    /** Holds the data volume for attach/detach; never stopped. */
    private static String holder;
    /** Stopped, started and imaged. */
    private static String cycler;
    private static String data;
    /** A subnet of this test's own: the default network is shared with other states launching meanwhile. */
    private static String subnet;

    private record Result(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    static void startDaemon() throws Exception {
        id = TestHost.newId();
        env = TestHost.environment(id, "tcg");
        state = Path.of(env.get("LABVISOR_HOME"));
        Files.createDirectories(state);
        libvirt = new Connect("qemu:///system");
        daemon = startLabvisord();
        ami = ok(cli("register-image", "--manifest", TestHost.TINY_MANIFEST.toString())).json().get("ImageId")
                .asText();
        int net = 200 + new Random().nextInt(50);
        String vpc = ok(cli("create-vpc", "--cidr-block", "10." + net + ".0.0/16")).json().at("/Vpc/VpcId").asText();
        subnet = ok(cli("create-subnet", "--vpc-id", vpc, "--cidr-block", "10." + net + ".1.0/24")).json()
                .at("/Subnet/SubnetId").asText();
        holder = launch("t3.micro");
        cycler = launch("t3.nano");
        data = ok(cli("create-volume", "--size", "1")).json().get("VolumeId").asText();
        // written while the volume is detached, into its pool file: qemu-io writes through the qcow2 format
        Result w = exec(List.of("qemu-io", "-f", "qcow2", "-c", "write -P " + MARKER_PATTERN + " " + MARKER_OFFSET
                + " " + MARKER_BYTES, poolFile(data).toString()));
        assertEquals(0, w.exit(), w.out() + w.err());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        try {
            if (daemon != null && daemon.isAlive()) {
                List<String> live = rows("SELECT id FROM instances WHERE state != 'terminated'");
                if (!live.isEmpty()) {
                    List<String> args = new ArrayList<>(List.of("terminate-instances", "--instance-ids"));
                    args.addAll(live);
                    cli(args.toArray(String[]::new));
                }
                daemon.destroy();
                daemon.waitFor(30, TimeUnit.SECONDS);
                daemon.destroyForcibly().waitFor();
            }
        } finally {
            if (libvirt != null) {
                libvirt.close();
            }
            Path log = state.resolve("labvisord.log");
            if (Files.exists(log)) { // kept for reading a failure: the state folder goes with the test
                Files.copy(log, TestHost.ROOT.resolve("target/chaos-labvisord.log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            TestHost.create(id, "tcg").close(); // the pool, networks and state folder of this test's state
        }
    }

    @Test
    void killingLabvisordDuringEveryOperationLeavesAWholeState() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        int rounds = Integer.getInteger("chaos.kills", 2);
        Random random = new Random(seed);
        System.out.println("ChaosIT seed " + seed + " (replay with -Dchaos.seed=" + seed + ")");
        Map<Operation, Integer> kills = new EnumMap<>(Operation.class);
        Map<Operation, Integer> midway = new EnumMap<>(Operation.class);
        Map<Operation, Integer> intentOpen = new EnumMap<>(Operation.class);
        int checks = 0;
        long began = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (Operation op : Operation.values()) {
                List<String> command = prepare(op, round);
                int delay = random.nextInt(op.windowMs);
                Process client = clientProcess(command);
                long begun = awaitIntent(op, client);
                Thread.sleep(delay);
                boolean open = !rows("SELECT id FROM intents WHERE kind = '" + op.intent + "'").isEmpty();
                boolean running = client.isAlive();
                long killedAt = System.nanoTime();
                daemon.destroyForcibly().waitFor();
                client.waitFor(60, TimeUnit.SECONDS);
                int n = kills.values().stream().mapToInt(Integer::intValue).sum() + 1;
                System.out.printf("kill %d: %s %d ms after its intent was recorded (intent %s at the kill; %s)%n", n,
                        op, (killedAt - begun) / 1_000_000, open ? "open" : "done",
                        running ? "client waiting for its answer" : "client had its answer, exit " + client.exitValue());
                kills.merge(op, 1, Integer::sum);
                if (running) {
                    midway.merge(op, 1, Integer::sum);
                }
                if (open) {
                    intentOpen.merge(op, 1, Integer::sum);
                }
                long restart = System.nanoTime();
                long logged = Files.size(state.resolve("labvisord.log"));
                daemon = startLabvisord();
                double ready = (System.nanoTime() - restart) / 1e9;
                printRecoveries(logged);
                checks += checkInvariants(op);
                System.out.printf("  ready after %.1f s, checked after %.1f s%n", ready,
                        (System.nanoTime() - restart) / 1e9);
            }
        }
        checks += detachEveryAttachedVolume();
        int total = kills.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("ChaosIT: %d kills (%s), %d with the operation's intent still open (%s), %d with the "
                + "client still waiting (%s), %d invariant checks, %.0f s%n", total, kills,
                intentOpen.values().stream().mapToInt(Integer::intValue).sum(), intentOpen,
                midway.values().stream().mapToInt(Integer::intValue).sum(), midway, checks,
                (System.nanoTime() - began) / 1e9);
        assertTrue(total >= 20, "at least 20 kills");
    }

    /**
     * Waits until the daemon has recorded {@code op}'s intent (it has begun the operation), or the client has
     * ended (the operation changed nothing, or was over between two looks); returns when.
     */
    private static long awaitIntent(Operation op, Process client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (rows("SELECT id FROM intents WHERE kind = '" + op.intent + "'").isEmpty() && client.isAlive()) {
            assertTrue(System.nanoTime() < deadline, op + " recorded no intent within 60 s");
            Thread.sleep(10);
        }
        return System.nanoTime();
    }

    /** Brings the fixtures where {@code op} needs them (no kill here) and returns its command line. */
    private static List<String> prepare(Operation op, int round) throws Exception {
        return switch (op) {
            case REGISTER_IMAGE -> List.of("register-image", "--manifest", TestHost.TINY_MANIFEST.toString(),
                    "--name", "chaos-" + id + "-" + round);
            case CREATE_VOLUME -> List.of("create-volume", "--size", "1");
            case DELETE_VOLUME -> List.of("delete-volume", "--volume-id",
                    ok(cli("create-volume", "--size", "1")).json().get("VolumeId").asText());
            case CREATE_SNAPSHOT -> {
                detached(data);
                yield List.of("create-snapshot", "--volume-id", data);
            }
            case ATTACH_VOLUME -> {
                detached(data);
                yield List.of("attach-volume", "--volume-id", data, "--instance-id", holder, "--device", "/dev/sdf");
            }
            case DETACH_VOLUME -> {
                if (volumeState(data).equals("available")) {
                    ok(cli("attach-volume", "--volume-id", data, "--instance-id", holder, "--device", "/dev/sdf"));
                }
                yield List.of("detach-volume", "--volume-id", data);
            }
            case STOP_INSTANCES -> {
                if (instanceState(cycler).equals("stopped")) {
                    ok(cli("start-instances", "--instance-ids", cycler));
                    awaitState(cycler, "running");
                }
                yield List.of("stop-instances", "--instance-ids", cycler);
            }
            case CREATE_IMAGE, START_INSTANCES -> {
                if (instanceState(cycler).equals("running")) {
                    ok(cli("stop-instances", "--force", "--instance-ids", cycler));
                    awaitState(cycler, "stopped");
                }
                yield op == Operation.CREATE_IMAGE
                        ? List.of("create-image", "--instance-id", cycler, "--name", "chaos-capture-" + id + "-" + round)
                        : List.of("start-instances", "--instance-ids", cycler);
            }
            case RUN_INSTANCES -> List.of("run-instances", "--image-id", ami, "--instance-type", "t3.nano",
                    "--subnet-id", subnet);
            case TERMINATE_INSTANCES -> {
                List<String> extra = rows("SELECT id FROM instances WHERE state != 'terminated' AND id NOT IN ('"
                        + holder + "', '" + cycler + "')");
                List<String> args = new ArrayList<>(List.of("terminate-instances", "--instance-ids"));
                args.addAll(extra.isEmpty() ? List.of(launch("t3.nano")) : extra);
                yield args;
            }
        };
    }

    /** The checks after a restart; returns how many were made. */
    private static int checkInvariants(Operation op) throws Exception {
        int checks = 0;
        assertEquals(List.of(), rows("SELECT kind || ' ' || resources FROM intents"),
                "after " + op + ": every intent was recovered");
        checks++;
        assertEquals(List.of(), rows("SELECT id || ' ' || state FROM volumes WHERE state IN ('creating', 'deleting')"),
                "after " + op + ": no volume creating or deleting");
        checks++;
        awaitSettled(op);
        checks++;
        checks += checkPoolFilesAndRows(op);
        checks += checkStaging(op);
        checks += checkDomains(op);
        checkMarker(op);
        checks++;
        if (op == Operation.ATTACH_VOLUME || op == Operation.DETACH_VOLUME) {
            checks += detachEveryAttachedVolume();
        }
        return checks;
    }

    /** Every instance running, stopped or terminated within {@link #SETTLE}. */
    private static void awaitSettled(Operation op) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        List<String> unsettled;
        while (!(unsettled = rows("SELECT id || ' ' || state FROM instances WHERE state NOT IN ('running', "
                + "'stopped', 'terminated')")).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "after " + op + ": unsettled " + unsettled + " after " + SETTLE);
            Thread.sleep(250);
        }
    }

    private static int checkPoolFilesAndRows(Operation op) throws Exception {
        Set<String> named = new TreeSet<>(rows("SELECT pool_volume FROM volumes UNION SELECT pool_volume FROM snapshots "
                + "UNION SELECT root_volume FROM images UNION SELECT kernel_volume FROM images WHERE kernel_volume "
                + "IS NOT NULL UNION SELECT ramdisk_volume FROM images WHERE ramdisk_volume IS NOT NULL"));
        Set<String> files = new TreeSet<>();
        try (var list = Files.list(state.resolve("pool"))) {
            list.forEach(p -> files.add(p.getFileName().toString()));
        }
        Set<String> orphans = new TreeSet<>(files);
        orphans.removeAll(named);
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(files);
        assertEquals(Set.of(), orphans, "after " + op + ": pool files no row names");
        assertEquals(Set.of(), missing, "after " + op + ": rows whose pool file is gone");
        return 2;
    }

    private static int checkStaging(Operation op) throws Exception {
        Path staging = state.resolve("staging");
        if (Files.isDirectory(staging)) {
            try (var left = Files.list(staging)) {
                assertEquals(List.of(), left.toList(), "after " + op + ": staging copies left");
            }
        }
        List<String> pools = new ArrayList<>();
        for (String name : libvirt.listStoragePools()) {
            StoragePool p = libvirt.storagePoolLookupByName(name);
            if (name.startsWith("labvisor-staging-") && p.getXMLDesc(0).contains(state.toString())) {
                pools.add(name);
            }
        }
        assertEquals(List.of(), pools, "after " + op + ": transient staging pools left");
        return 2;
    }

    /**
     * Every domain of this state (its XML names the state folder: console log, pool) is a live instance's, and
     * every running or stopped instance has its domain, active or shut off as its row says.
     */
    private static int checkDomains(Operation op) throws Exception {
        Map<String, String> rowState = new HashMap<>();
        for (String r : rows("SELECT id || ' ' || state FROM instances")) {
            rowState.put(r.split(" ")[0], r.split(" ")[1]);
        }
        Map<String, Boolean> ours = new HashMap<>();
        List<String> names = new ArrayList<>(List.of(libvirt.listDefinedDomains()));
        for (int domainId : libvirt.listDomains()) {
            try {
                names.add(libvirt.domainLookupByID(domainId).getName());
            } catch (org.libvirt.LibvirtException e) {
                // another test's domain that stopped meanwhile (ours are settled: none starts or stops now)
            }
        }
        for (String name : names) {
            try {
                Domain d = libvirt.domainLookupByName(name);
                if (d.getXMLDesc(0).contains(state.toString() + "/")) {
                    ours.put(name, d.isActive() == 1);
                }
            } catch (org.libvirt.LibvirtException e) {
                // another test's domain that went away meanwhile
            }
        }
        for (Map.Entry<String, Boolean> d : ours.entrySet()) {
            String s = rowState.getOrDefault(d.getKey(), "no row");
            assertTrue(s.equals("running") || s.equals("stopped"), "after " + op + ": domain " + d.getKey()
                    + " is " + s + " in the state");
            assertEquals(s.equals("running"), d.getValue(), "after " + op + ": domain " + d.getKey()
                    + " active while its instance is " + s);
        }
        for (Map.Entry<String, String> r : rowState.entrySet()) {
            if (r.getValue().equals("running") || r.getValue().equals("stopped")) {
                assertTrue(ours.containsKey(r.getKey()), "after " + op + ": " + r + " has no domain");
            }
        }
        return 2;
    }

    private static void checkMarker(Operation op) throws Exception {
        Result r = exec(List.of("qemu-io", "-r", "-U", "-f", "qcow2", "-c", "read -P " + MARKER_PATTERN + " "
                + MARKER_OFFSET + " " + MARKER_BYTES, poolFile(data).toString()));
        assertTrue(r.exit() == 0 && r.out().contains("read " + MARKER_BYTES + "/" + MARKER_BYTES)
                && !r.out().contains("failed"), "after " + op + ": the marker in " + data + " reads back: " + r);
    }

    /** Every attached data volume detaches (and is then available); returns how many were checked. */
    private static int detachEveryAttachedVolume() throws Exception {
        List<String> attached = rows("SELECT id FROM volumes WHERE state = 'in-use' AND source_image_id IS NULL "
                + "AND id IN (SELECT v.id FROM volumes v JOIN instances i ON v.instance_id = i.id "
                + "WHERE i.state != 'terminated')");
        for (String v : attached) {
            ok(cli("detach-volume", "--volume-id", v));
            assertEquals("available", volumeState(v), v + " detached");
        }
        return attached.size();
    }

    private static void detached(String volumeId) throws Exception {
        if (!volumeState(volumeId).equals("available")) {
            ok(cli("detach-volume", "--volume-id", volumeId));
        }
    }

    private static String launch(String type) throws Exception {
        return ok(cli("run-instances", "--image-id", ami, "--instance-type", type, "--subnet-id", subnet)).json()
                .at("/Instances/0/InstanceId").asText();
    }

    private static void awaitState(String instanceId, String wanted) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!instanceState(instanceId).equals(wanted)) {
            assertTrue(System.nanoTime() < deadline, instanceId + " never " + wanted);
            Thread.sleep(250);
        }
    }

    private static String instanceState(String instanceId) throws SQLException {
        return rows("SELECT state FROM instances WHERE id = '" + instanceId + "'").get(0);
    }

    private static String volumeState(String volumeId) throws SQLException {
        return rows("SELECT state FROM volumes WHERE id = '" + volumeId + "'").get(0);
    }

    private static Path poolFile(String volumeId) throws SQLException {
        return state.resolve("pool").resolve(rows("SELECT pool_volume FROM volumes WHERE id = '" + volumeId + "'")
                .get(0));
    }

    /** The first column of a query on the state database, read-only beside the daemon (WAL). */
    private static List<String> rows(String sql) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(30000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("labvisor.db"),
                config.toProperties()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** labvisord for this state, without its supervisor, from its own copy of the jar (as the script does). */
    private static Process startLabvisord() throws Exception {
        Path jar = state.resolve("labvisord.jar");
        Files.copy(JAR, jar, StandardCopyOption.REPLACE_EXISTING);
        Path pidFile = state.resolve("labvisord.pid");
        ProcessBuilder pb = new ProcessBuilder("java", "-XX:+UseSerialGC", "-Dlabvisor.root=" + TestHost.ROOT,
                "-cp", jar.toString(), "io.labvisor.daemon.Labvisord", "--no-api")
                .directory(TestHost.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("labvisord.log").toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!readPid(pidFile).equals(Optional.of(p.pid()))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("labvisord did not come up; its log ends:\n" + tail(state.resolve(
                        "labvisord.log")));
            }
            Thread.sleep(50);
        }
        return p;
    }

    /** What the restarted daemon says it recovered (its log from {@code offset}), so a failure can be read. */
    private static void printRecoveries(long offset) throws IOException {
        byte[] all = Files.readAllBytes(state.resolve("labvisord.log"));
        String since = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
        since.lines().filter(l -> l.contains("interrupted") || l.contains("reconciled i-"))
                .forEach(l -> System.out.println("  " + l.substring(Math.max(0, l.indexOf(" - ") + 3))));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Result ok(Result r) {
        assertEquals(0, r.exit(), r.out() + r.err());
        return r;
    }

    private static List<String> clientCommand(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                JAR.toString(), "io.labvisor.client.Client"));
        cmd.addAll(args);
        return cmd;
    }

    private static Process clientProcess(List<String> args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(clientCommand(args)).directory(TestHost.ROOT.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        return pb.start();
    }

    private static Result cli(String... args) throws Exception {
        return exec(clientCommand(List.of(args)));
    }

    private static Result exec(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(TestHost.ROOT.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("chaos-it", ".out");
        Path err = Files.createTempFile("chaos-it", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            int exit = p.waitFor();
            return new Result(exit, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
