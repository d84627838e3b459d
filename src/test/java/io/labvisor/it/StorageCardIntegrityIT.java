package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.card.StorageCardSpec;
import io.labvisor.compute.Instance;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.image.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3, storage card data integrity: the guest writes and syncs a first chunk, the storage card is killed and
 * restarted, the guest writes and syncs a second chunk, drops its caches and reads both back through the
 * restarted card: the checksums match the ones it printed right after writing.
 */
class StorageCardIntegrityIT {
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(5);
    /** The guest's script: LABVISOR-DATA lines (chunk, phase, sha256). Pauses after chunk 1 for the kill. */
    private static final String SCRIPT = """
            #!/bin/sh
            echo "LABVISOR-DATA phase=setup write_cache=$(tr ' ' _ < /sys/block/vda/queue/write_cache)"
            sum() { sha256sum "$1" | cut -d' ' -f1; }
            write() {
                dd if=/dev/urandom of=/mnt/root/chunk$1 bs=1M count=8 2>/dev/null && sync
                echo "LABVISOR-DATA chunk=$1 phase=written sha256=$(sum /mnt/root/chunk$1)"
            }
            write 1
            sleep 25
            write 2
            sync
            echo 3 > /proc/sys/vm/drop_caches
            for c in 1 2; do echo "LABVISOR-DATA chunk=$c phase=reread sha256=$(sum /mnt/root/chunk$c)"; done
            """;
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
    void dataSyncedBeforeAndAfterACardKillReadsBackIntact() throws Exception {
        writeKillAndReadBack(true);
    }

    /** The control: the same script without a kill, so a mismatch above is the kill's doing. */
    @Test
    void dataReadsBackIntactWithoutAKill() throws Exception {
        writeKillAndReadBack(false);
    }

    private void writeKillAndReadBack(boolean kill) throws Exception {
        Labvisor lv = host.labvisor();
        Instance i = lv.instances().run(new RunRequest(ami.imageId(), "t3.nano", 1, 1, Optional.of(IoProfile.NITRO),
                Optional.of(SCRIPT), Optional.empty(), List.of())).instances().get(0);
        StorageCardSpec card = lv.cards().spec(i);
        ConsoleLog console = new ConsoleLog(Path.of(i.consoleLog()));

        String first = await(console, "1", "written", BOOT_DEADLINE);
        System.out.println("guest disk: " + console.lines().stream().filter(l -> l.kind().equals("LABVISOR-DATA")
                && "setup".equals(l.fields().get("phase"))).findFirst().map(GuestLine::fields).orElse(null));
        if (kill) {
            long pid = lv.cards().supervisor().pid(card).orElseThrow();
            assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor());
            long newPid = awaitNewCard(lv, card, pid);
            assertNotEquals(pid, newPid);
            System.out.printf("storage card killed after chunk 1 was synced: pid %d -> %d%n", pid, newPid);
        }

        String second = await(console, "2", "written", Duration.ofMinutes(2));
        String reread1 = await(console, "1", "reread", Duration.ofMinutes(2));
        String reread2 = await(console, "2", "reread", Duration.ofMinutes(2));
        System.out.printf("kill=%s: chunk 1 %s / %s, chunk 2 %s / %s%n", kill, first, reread1, second, reread2);
        assertEquals(first, reread1, "chunk 1, synced before the kill, read back through the restarted card");
        assertEquals(second, reread2, "chunk 2, written through the restarted card");
        assertNotEquals(first, second);

        lv.instances().terminate(List.of(i.instanceId()));
    }

    private static String await(ConsoleLog console, String chunk, String phase, Duration timeout)
            throws InterruptedException {
        GuestLine line = console.await(l -> l.kind().equals("LABVISOR-DATA") && chunk.equals(l.fields().get("chunk"))
                        && phase.equals(l.fields().get("phase")), timeout)
                .orElseThrow(() -> new AssertionError("no chunk " + chunk + " " + phase + ":\n" + console.tail()));
        String sum = line.get("sha256");
        assertTrue(sum.matches("[0-9a-f]{64}"), "a sha256: " + line);
        return sum;
    }

    private static long awaitNewCard(Labvisor lv, StorageCardSpec card, long oldPid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> pid = lv.cards().supervisor().pid(card);
            if (pid.isPresent() && pid.get() != oldPid) {
                return pid.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the storage card was not restarted");
    }
}
