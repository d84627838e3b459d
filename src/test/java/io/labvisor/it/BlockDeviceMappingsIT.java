package io.labvisor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labvisor.Labvisor;
import io.labvisor.cli.Main;
import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.Image;
import io.labvisor.volume.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * run-instances --block-device-mappings through the CLI with real guests: the AMI's 1 GiB root grown to 2 GiB
 * and a 1 GiB gp3 data volume created at launch (DeleteOnTermination=false) reach the guest (emulated SATA and
 * virtio file disks, nitro through the storage card); describe-instances lists both mappings; terminate deletes the root and leaves the
 * data volume available. A bad mapping leaves no instance, volume, pool file or domain behind.
 */
class BlockDeviceMappingsIT {
    private static final Duration BOOT = Duration.ofMinutes(5);
    /** Prints the size of every virtio/SCSI disk the guest sees, as a console line. */
    private static final String SIZES = "#!/bin/sh\nfor d in /sys/block/vd* /sys/block/sd*; do [ -e \"$d/size\" ] && "
            + "echo \"LABVISOR-SIZE name=${d##*/} bytes=$(( $(cat $d/size) * 512 ))\"; done\n";
    private static TestHost host;
    private static Map<String, String> env;
    private static Image ami;

    @BeforeAll
    static void setUp() {
        String id = TestHost.newId();
        env = TestHost.environment(id, "tcg");
        env.forEach(System::setProperty);
        host = TestHost.create(id, "tcg");
        ami = host.registerTinyAmi();
    }

    @AfterEach
    void terminateLeftovers() {
        for (Instance i : host.labvisor().instances().describe(List.of(), List.of())) {
            if (i.state() != InstanceState.TERMINATED) {
                host.labvisor().instances().terminate(List.of(i.instanceId()));
            }
        }
    }

    @AfterAll
    static void tearDown() {
        host.close();
        env.keySet().forEach(System::clearProperty);
    }

    @Test
    void virtioGuestGetsLargerRootAndDataVolumeFromShorthand() throws Exception {
        launchAndCheck("virtio", List.of("DeviceName=" + ami.rootDeviceName() + ",Ebs={VolumeSize=2}",
                "DeviceName=/dev/sdf,Ebs={VolumeSize=1,VolumeType=gp3,DeleteOnTermination=false}"));
    }

    @Test
    void emulatedGuestGetsLargerRootAndDataVolumeAsSataDisks() throws Exception {
        launchAndCheck("emulated", List.of("DeviceName=" + ami.rootDeviceName() + ",Ebs={VolumeSize=2}",
                "DeviceName=/dev/sdf,Ebs={VolumeSize=1,VolumeType=gp3,DeleteOnTermination=false}"));
    }

    @Test
    void nitroGuestGetsLargerRootAndDataVolumeThroughTheStorageCard() throws Exception {
        launchAndCheck("nitro", List.of("[{\"DeviceName\":\"" + ami.rootDeviceName() + "\",\"Ebs\":{\"VolumeSize\":2}},"
                + "{\"DeviceName\":\"/dev/sdf\",\"Ebs\":{\"VolumeSize\":1,\"VolumeType\":\"gp3\","
                + "\"DeleteOnTermination\":false}}]"));
    }

    private void launchAndCheck(String profile, List<String> mappings) throws Exception {
        Labvisor lv = host.labvisor();
        assertEquals(1, ami.rootSizeGib(), "the tiny AMI's root is 1 GiB");
        List<String> args = new java.util.ArrayList<>(List.of("run-instances", "--image-id", ami.imageId(),
                "--instance-type", "t3.micro", "--io-profile", profile, "--user-data", SIZES,
                "--block-device-mappings"));
        args.addAll(mappings);
        Result run = run(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        String id = run.json().at("/Instances/0/InstanceId").asText();
        Instance instance = lv.instances().require(id);

        // The rows: a 2 GiB root (a 2 GiB overlay in libvirt's pool) and a 1 GiB gp3 data volume, both in use.
        List<Volume> attached = lv.volumes().attachedTo(id);
        assertEquals(2, attached.size(), attached.toString());
        Volume root = attached.stream().filter(Volume::isRoot).findFirst().orElseThrow();
        Volume data = attached.stream().filter(v -> !v.isRoot()).findFirst().orElseThrow();
        assertEquals(2, root.sizeGib());
        assertEquals(2L << 30, lv.libvirt().pools().capacity(host.config().poolName(), root.poolVolume()));
        assertTrue(root.deleteOnTermination());
        assertEquals(1, data.sizeGib());
        assertEquals("gp3", data.volumeType());
        assertEquals("in-use", data.state());
        assertEquals(java.util.Optional.of("/dev/sdf"), data.deviceName());
        assertFalse(data.deleteOnTermination());
        if (profile.equals("nitro")) {
            assertTrue(lv.cards().spec(instance).volume(data.volumeId()).isPresent(),
                    "the storage card exports the data volume");
        }

        // The guest: a 2 GiB root disk and a second, fresh disk (the new, empty data volume).
        ConsoleLog console = new ConsoleLog(Path.of(instance.consoleLog()));
        // SATA disks are named in the order their probes finish, so the init finds the root by its AHCI port and
        // reports which it mounted; on virtio the root is vda.
        GuestLine mounted = console.await(l -> l.kind().equals("LABVISOR-ROOT"), BOOT)
                .orElseThrow(() -> new AssertionError("no ROOT line; console:\n" + console.tail()));
        String rootDisk = mounted.get("dev");
        String dataDisk = profile.equals("emulated") ? (rootDisk.equals("sda") ? "sdb" : "sda") : "vdb";
        assertEquals(profile.equals("emulated") ? Set.of("sda", "sdb") : Set.of("vda", "vdb"),
                Set.of(rootDisk, dataDisk), "root and data disk names");
        GuestLine disk = console.await(l -> l.kind().equals("LABVISOR-DISK")
                && dataDisk.equals(l.fields().get("name")), BOOT)
                .orElseThrow(() -> new AssertionError("no " + dataDisk + " DISK line; console:\n" + console.tail()));
        assertEquals("1", disk.get("fresh"), "a volume created at launch is empty");
        assertEquals(Long.toString(2L << 30), size(console, rootDisk), "root grown to 2 GiB and mounted");
        assertEquals(Long.toString(1L << 30), size(console, dataDisk));

        // describe-instances: both mappings, attached, with their volume ids and DeleteOnTermination.
        Result described = run("describe-instances", "--instance-ids", id);
        assertEquals(0, described.exit(), described.err());
        JsonNode inst = described.json().at("/Reservations/0/Instances/0");
        assertEquals(ami.rootDeviceName(), inst.get("RootDeviceName").asText());
        Map<String, JsonNode> byDevice = new java.util.HashMap<>();
        inst.get("BlockDeviceMappings").forEach(m -> byDevice.put(m.get("DeviceName").asText(), m.get("Ebs")));
        assertEquals(Set.of(ami.rootDeviceName(), "/dev/sdf"), byDevice.keySet(), inst.toString());
        assertEquals(root.volumeId(), byDevice.get(ami.rootDeviceName()).get("VolumeId").asText());
        assertTrue(byDevice.get(ami.rootDeviceName()).get("DeleteOnTermination").asBoolean());
        assertEquals(data.volumeId(), byDevice.get("/dev/sdf").get("VolumeId").asText());
        assertFalse(byDevice.get("/dev/sdf").get("DeleteOnTermination").asBoolean());
        byDevice.values().forEach(e -> assertEquals("attached", e.get("Status").asText()));
        Result vols = run("describe-volumes", "--volume-ids", data.volumeId());
        assertEquals(0, vols.exit(), vols.err());
        assertEquals(id, vols.json().at("/Volumes/0/Attachments/0/InstanceId").asText(), vols.out());
        assertEquals("/dev/sdf", vols.json().at("/Volumes/0/Attachments/0/Device").asText(), vols.out());

        // Terminate: the root goes with the instance, the data volume stays, available.
        Result terminated = run("terminate-instances", "--instance-ids", id);
        assertEquals(0, terminated.exit(), terminated.err());
        awaitState(lv, id, InstanceState.TERMINATED);
        assertEquals(ErrorCode.INVALID_VOLUME_ID_NOT_FOUND, assertThrows(Ec2Exception.class,
                () -> lv.volumeService().require(root.volumeId())).code());
        assertFalse(lv.libvirt().pools().volumes(host.config().poolName()).contains(root.poolVolume()));
        Volume kept = lv.volumeService().require(data.volumeId());
        assertEquals("available", kept.state());
        assertTrue(kept.instanceId().isEmpty());
        lv.volumeService().delete(data.volumeId());
    }

    @Test
    void badMappingsChangeNothing() {
        Labvisor lv = host.labvisor();
        Set<String> poolBefore = new HashSet<>(lv.libvirt().pools().volumes(host.config().poolName()));
        Set<String> domainsBefore = new HashSet<>(lv.libvirt().domains().names());
        int volumesBefore = lv.volumes().all().size();
        int instancesBefore = lv.instances().describe(List.of(), List.of()).size();

        Result small = run("run-instances", "--image-id", ami.imageId(), "--io-profile", "virtio",
                "--block-device-mappings", "DeviceName=/dev/sdf,Ebs={VolumeSize=1}",
                "DeviceName=" + ami.rootDeviceName() + ",Ebs={VolumeSize=0}");
        assertEquals(254, small.exit());
        assertTrue(small.err().contains("(InvalidBlockDeviceMapping)"), small.err());
        Result type = run("run-instances", "--image-id", ami.imageId(), "--io-profile", "virtio",
                "--block-device-mappings", "DeviceName=" + ami.rootDeviceName() + ",Ebs={VolumeSize=2}",
                "DeviceName=/dev/sdf,Ebs={VolumeSize=1,VolumeType=gp9}");
        assertEquals(254, type.exit());
        assertTrue(type.err().contains("(InvalidParameterValue)") && type.err().contains("gp9"), type.err());

        assertEquals(instancesBefore, lv.instances().describe(List.of(), List.of()).size(), "no instance row");
        assertEquals(volumesBefore, lv.volumes().all().size(), "no volume row");
        assertEquals(poolBefore, new HashSet<>(lv.libvirt().pools().volumes(host.config().poolName())),
                "no pool file");
        // libvirt is shared with other states (and tests), whose domains come and go: only a new one would be ours.
        Set<String> newDomains = new HashSet<>(lv.libvirt().domains().names());
        newDomains.removeAll(domainsBefore);
        assertEquals(Set.of(), newDomains, "no domain");
    }

    private static String size(ConsoleLog console, String disk) throws InterruptedException {
        return console.await(l -> l.kind().equals("LABVISOR-SIZE") && disk.equals(l.fields().get("name")), BOOT)
                .orElseThrow(() -> new AssertionError("no SIZE line for " + disk + "; console:\n" + console.tail()))
                .get("bytes");
    }

    private record Result(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static void awaitState(Labvisor lv, String id, InstanceState want) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (lv.instances().require(id).state() != want) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " is " + lv.instances().require(id).state() + ", not " + want);
            }
            Thread.sleep(200);
        }
    }
}
