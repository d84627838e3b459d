package io.labvisor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.libvirt.Connect;
import org.libvirt.DomainInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * labvisord as users run it: started by scripts/labvisord.sh for a state of its own, driven only through the thin
 * client. With no CLI call running, it brings back a killed storage card, network card and metadata server within
 * 2 s, moves a guest that powered itself off to stopped with its cards gone within 5 s, and when the daemon itself
 * is killed its supervisor starts it again and the new daemon adopts the running cards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonIT {
    private static final Path JAR = TestHost.ROOT.resolve("target/labvisor.jar");
    private static final Path SCRIPT = TestHost.ROOT.resolve("scripts/labvisord.sh");
    private static final Duration BOOT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String id;
    private static Map<String, String> env;
    private static Path state;
    private static String ami;
    private static String instance;

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
        Result started = exec(List.of(SCRIPT.toString(), "start", "--port", "0"));
        assertEquals(0, started.exit(), started.out() + started.err());
        Result image = cli("register-image", "--manifest", TestHost.TINY_MANIFEST.toString());
        assertEquals(0, image.exit(), image.err());
        ami = image.json().get("ImageId").asText();
        Result run = cli("run-instances", "--image-id", ami, "--instance-type", "t3.micro", "--io-profile", "nitro");
        assertEquals(0, run.exit(), run.err());
        instance = run.json().at("/Instances/0/InstanceId").asText();
        awaitConsole(instance, "LABVISOR-READY");
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        try {
            Result all = cli("describe-instances");
            List<String> ids = new ArrayList<>();
            all.json().at("/Reservations").forEach(r -> r.get("Instances").forEach(i -> ids.add(i.get("InstanceId")
                    .asText())));
            if (!ids.isEmpty()) {
                List<String> args = new ArrayList<>(List.of("terminate-instances", "--instance-ids"));
                args.addAll(ids);
                cli(args.toArray(String[]::new));
            }
        } finally {
            exec(List.of(SCRIPT.toString(), "stop"));
            TestHost.create(id, "tcg").close(); // the pool, networks and state folder of this test's state
        }
    }

    @Test
    @Order(1)
    void theClientLoadsNeitherDatabaseNorLibvirt() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-verbose:class", "-cp", JAR.toString(),
                "io.labvisor.client.Client", "describe-instances", "--instance-ids", instance));
        Result r = exec(cmd);
        assertEquals(0, r.exit(), r.err());
        String loaded = r.out();
        for (String heavy : List.of("org.sqlite", "org.libvirt", "com.sun.jna", "picocli", "com.fasterxml",
                "io.labvisor.Labvisor ")) {
            assertFalse(loaded.contains(heavy), "the client loaded " + heavy);
        }
        assertTrue(loaded.contains("\"InstanceId\": \"" + instance + "\""), "answered through the daemon: " + loaded);
    }

    @Test
    @Order(2)
    void killedCardsAndMetadataServerAreBackWithinTwoSecondsWithNoCliCall() throws Exception {
        Path storagePid = state.resolve("cards").resolve(instance + ".pid");
        Path networkPid = state.resolve("cards/network").resolve(instance + ".pid");
        Path imdsPid = Path.of("/run/labvisor/imds/server.pid");
        for (Path pidFile : List.of(storagePid, networkPid, imdsPid)) {
            long before = readPid(pidFile).orElseThrow(() -> new AssertionError("no " + pidFile));
            ProcessHandle.of(before).orElseThrow().destroyForcibly();
            long killed = System.nanoTime();
            long after = awaitNewPid(pidFile, before, Duration.ofSeconds(10));
            double seconds = (System.nanoTime() - killed) / 1e9;
            System.out.printf("%s: pid %d killed, pid %d serving after %.2f s%n", pidFile, before, after, seconds);
            assertTrue(seconds <= 2.0, pidFile + " back after " + seconds + " s");
        }
        Result again = cli("describe-instances", "--instance-ids", instance);
        assertEquals("running", again.json().at("/Reservations/0/Instances/0/State/Name").asText());
    }

    @Test
    @Order(3)
    void aKilledDaemonIsStartedAgainAndAdoptsTheRunningCards() throws Exception {
        long daemon = readPid(state.resolve("labvisord.pid")).orElseThrow();
        long card = readPid(state.resolve("cards").resolve(instance + ".pid")).orElseThrow();
        ProcessHandle.of(daemon).orElseThrow().destroyForcibly();
        long next = awaitNewPid(state.resolve("labvisord.pid"), daemon, Duration.ofMinutes(2));
        Result r = awaitCli(Duration.ofMinutes(1), "describe-instances", "--instance-ids", instance);
        assertEquals("running", r.json().at("/Reservations/0/Instances/0/State/Name").asText());
        assertEquals(Optional.of(card), readPid(state.resolve("cards").resolve(instance + ".pid")),
                "the new daemon (pid " + next + ") adopted the storage card instead of starting another");
    }

    @Test
    @Order(4)
    void aGuestThatPowersItselfOffIsStoppedWithItsCardsGoneWithinFiveSeconds() throws Exception {
        Result run = cli("run-instances", "--image-id", ami, "--instance-type", "t3.nano", "--io-profile", "nitro",
                "--user-data", "#!/bin/sh\nsleep 2\npoweroff -f\n");
        assertEquals(0, run.exit(), run.err());
        String guest = run.json().at("/Instances/0/InstanceId").asText();
        Connect libvirt = new Connect("qemu:///system", true);
        try {
            long deadline = System.nanoTime() + BOOT.toNanos();
            while (libvirt.domainLookupByName(guest).getInfo().state != DomainInfo.DomainState.VIR_DOMAIN_SHUTOFF) {
                assertTrue(System.nanoTime() < deadline, guest + " never powered off");
                Thread.sleep(50);
            }
        } finally {
            libvirt.close();
        }
        long off = System.nanoTime();
        Path storagePid = state.resolve("cards").resolve(guest + ".pid");
        Path networkPid = state.resolve("cards/network").resolve(guest + ".pid");
        String seen = "";
        while (System.nanoTime() - off < Duration.ofSeconds(15).toNanos()) {
            Result d = cli("describe-instances", "--instance-ids", guest);
            seen = d.json().at("/Reservations/0/Instances/0/State/Name").asText();
            if (seen.equals("stopped") && livePid(storagePid).isEmpty() && livePid(networkPid).isEmpty()) {
                double seconds = (System.nanoTime() - off) / 1e9;
                System.out.printf("%s powered off: stopped, cards gone after %.2f s%n", guest, seconds);
                assertTrue(seconds <= 5.0, "stopped with its cards gone after " + seconds + " s");
                JsonNode reason = d.json().at("/Reservations/0/Instances/0/StateReason/Code");
                assertEquals("Client.InstanceInitiatedShutdown", reason.asText());
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(guest + " is " + seen + ", storage card " + livePid(storagePid) + ", network card "
                + livePid(networkPid) + " 15 s after its domain shut off");
    }

    @Test
    @Order(5)
    void whatAKilledLabvisorLeftHalfDoneIsFinishedAtTheNextStart() throws Exception {
        Result stopped = exec(List.of(SCRIPT.toString(), "stop"));
        assertEquals(0, stopped.exit(), stopped.err());
        // the traces a kill -9 in the middle of create-volume and of register-image leaves behind
        String volumeId = "vol-0123456789abcdef0";
        try (var db = io.labvisor.store.Database.open(state.resolve("labvisor.db"))) {
            new io.labvisor.volume.VolumeRepository(db).insert(new io.labvisor.volume.Volume(volumeId, 1, "gp3",
                    volumeId + ".qcow2", "", "creating", Optional.empty(), Optional.empty(), Optional.empty(), false,
                    java.time.Instant.now(), Optional.of(3000), Optional.of(125), Optional.empty(), Optional.empty(),
                    Optional.empty()));
        }
        Path staging = state.resolve("staging/ami-0123456789abcdef0");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("kernel"), "half a copy");

        Result started = exec(List.of(SCRIPT.toString(), "start", "--port", "0"));
        assertEquals(0, started.exit(), started.out() + started.err());
        Result volumes = cli("describe-volumes");
        assertEquals(0, volumes.exit(), volumes.err());
        assertFalse(volumes.out().contains(volumeId), "the volume left creating is rolled back: " + volumes.out());
        assertFalse(Files.exists(staging), "the staging copy is removed");
    }

    private static Result cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                JAR.toString(), "io.labvisor.client.Client"));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    private static Result awaitCli(Duration timeout, String... args) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Result r = cli(args);
            if (r.exit() == 0 || System.nanoTime() > deadline) {
                assertEquals(0, r.exit(), r.err());
                return r;
            }
            Thread.sleep(500);
        }
    }

    private static Result exec(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(TestHost.ROOT.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("daemon-it", ".out");
        Path err = Files.createTempFile("daemon-it", ".err");
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

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> livePid(Path file) {
        return readPid(file).filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
    }

    private static long awaitNewPid(Path file, long old, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> now = livePid(file).filter(p -> p != old);
            if (now.isPresent()) {
                return now.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing new in " + file + " within " + timeout);
    }

    private static void awaitConsole(String instanceId, String kind) throws Exception {
        Path console = state.resolve("console").resolve(instanceId + ".log");
        awaitTrue(() -> {
            try {
                return Files.exists(console) && Files.readString(console, StandardCharsets.ISO_8859_1).contains(kind);
            } catch (IOException e) {
                return false;
            }
        }, BOOT, () -> instanceId + " printed no " + kind);
    }

    private static void awaitTrue(Supplier<Boolean> condition, Duration timeout, Supplier<String> message)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message.get());
            }
            Thread.sleep(200);
        }
    }
}
