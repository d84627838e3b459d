package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.compute.BlockDeviceMapping;
import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.image.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cards run only while their instance does: stopping a nitro instance stops its storage and network cards once the
 * domain is shut off (a reopened labvisor does not bring them back), and start-instances starts them again; the
 * guest then boots from its root volume (boot counter 2) and finds the data volume it marked before the stop.
 */
class NitroStoppedCardsIT {
    private static final Duration BOOT = Duration.ofMinutes(5);
    private static TestHost host;
    private static Image ami;

    @BeforeAll
    static void setUp() {
        host = TestHost.create();
        ami = host.registerTinyAmi();
    }

    @AfterAll
    static void tearDown() {
        host.close();
    }

    @Test
    void stoppedInstanceHasNoCardsAndStartBringsThemBack() throws Exception {
        Labvisor lv = host.labvisor();
        Instance i = lv.instances().run(new RunRequest(ami.imageId(), "t3.micro", 1, 1, Optional.of(IoProfile.NITRO))
                .withBlockDeviceMappings(List.of(BlockDeviceMapping.ebs("/dev/sdf",
                        BlockDeviceMapping.Ebs.of(1, "gp3", null))))).instances().get(0);
        String id = i.instanceId();
        ConsoleLog console = new ConsoleLog(Path.of(i.consoleLog()));
        List<GuestLine> first = awaitReady(console);
        assertEquals(1, line(first, "LABVISOR-ROOT", null).getLong("boots"));
        String mark = line(first, "LABVISOR-DISK", "vdb").get("mark");
        assertTrue(storageCard(lv, i).isPresent() && networkCard(lv, i).isPresent(), "cards run with the guest");

        lv.instances().stop(List.of(id), false);
        awaitState(lv, id, InstanceState.STOPPED);
        assertEquals(Optional.empty(), storageCard(lv, i), "no storage card while stopped");
        assertEquals(Optional.empty(), networkCard(lv, i), "no network card while stopped");
        try (Labvisor reopened = host.reopen()) { // reconciliation leaves a stopped instance without cards
            assertEquals(Optional.empty(), storageCard(reopened, i));
            assertEquals(Optional.empty(), networkCard(reopened, i));
        }

        lv.instances().start(List.of(id));
        assertTrue(storageCard(lv, i).isPresent() && networkCard(lv, i).isPresent(), "start starts the cards");
        List<GuestLine> second = awaitReady(console);
        assertEquals(2, line(second, "LABVISOR-ROOT", null).getLong("boots"), "booted from its root volume");
        GuestLine vdb = line(second, "LABVISOR-DISK", "vdb");
        assertEquals(mark, vdb.get("mark"), "the data volume kept its mark");
        assertEquals("0", vdb.get("fresh"));
        awaitState(lv, id, InstanceState.RUNNING);

        var storageSpec = lv.cards().spec(i); // the spec needs the volume rows, which terminate removes
        lv.instances().terminate(List.of(id));
        assertEquals(Optional.empty(), lv.cards().supervisor().pid(storageSpec));
        assertEquals(Optional.empty(), networkCard(lv, i));
    }

    private static Optional<Long> storageCard(Labvisor lv, Instance i) {
        return lv.cards().supervisor().pid(lv.cards().spec(i));
    }

    private static Optional<Long> networkCard(Labvisor lv, Instance i) {
        return lv.cards().networkSupervisor().pid(lv.cards().networkSpec(i));
    }

    /** The lines of the console's first completed boot (a start begins a new console log). */
    private static List<GuestLine> awaitReady(ConsoleLog console) throws InterruptedException {
        console.await(GuestLine.READY, BOOT)
                .orElseThrow(() -> new AssertionError("no READY; console:\n" + console.tail()));
        return console.lines();
    }

    private static GuestLine line(List<GuestLine> lines, String kind, String name) {
        return lines.stream().filter(l -> l.kind().equals(kind) && (name == null || name.equals(l.fields().get("name"))))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + ": " + lines));
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
