package io.labvisor.card;

import io.labvisor.compute.CpuSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageCardSpecTest {
    private final CardLayout layout = new CardLayout(Path.of("/run/labvisor/cards"), Path.of("/var/lib/lv/cards"));
    private final StorageCardSpec spec = layout.spec("i-0123456789abcdef0",
            List.of(new CardLayout.VolumeImage("vol-0123456789abcdef0", Path.of("/pool/vol-0123456789abcdef0.qcow2"))),
            2, CpuSet.parse("0"));

    @Test
    void socketsLiveUnderTheRunDirectoryPerInstance() {
        assertEquals(Path.of("/run/labvisor/cards/i-0123456789abcdef0/vol-0123456789abcdef0.sock"),
                spec.volumes().get(0).socket());
        assertEquals(Path.of("/var/lib/lv/cards/i-0123456789abcdef0.pid"), spec.pidFile());
    }

    @Test
    void commandPinsTheDaemonAndExportsTheQcow2OverlayOverVhostUser() {
        assertEquals(List.of(
                "/usr/bin/setsid", "/usr/bin/taskset", "-c", "0", "/usr/bin/qemu-storage-daemon",
                "--pidfile", "/var/lib/lv/cards/i-0123456789abcdef0.pid",
                "--blockdev", "{\"driver\":\"file\",\"node-name\":\"vol-0123456789abcdef0-file\","
                        + "\"filename\":\"/pool/vol-0123456789abcdef0.qcow2\","
                        + "\"cache\":{\"direct\":false,\"no-flush\":false}}",
                "--blockdev", "{\"driver\":\"qcow2\",\"node-name\":\"vol-0123456789abcdef0\","
                        + "\"file\":\"vol-0123456789abcdef0-file\"}",
                "--export", "{\"type\":\"vhost-user-blk\",\"id\":\"export-vol-0123456789abcdef0\","
                        + "\"node-name\":\"vol-0123456789abcdef0\",\"addr\":{\"type\":\"unix\",\"path\":"
                        + "\"/run/labvisor/cards/i-0123456789abcdef0/vol-0123456789abcdef0.sock\"},\"writable\":true,\"writethrough\":true,\"num-queues\":2}"),
                spec.argv().stream().map(StorageCardSpecTest::sortedCache).toList());
    }

    /** Map.of has no order: normalise the one nested map so the expectation can be written out. */
    private static String sortedCache(String arg) {
        return arg.replace("{\"no-flush\":false,\"direct\":false}", "{\"direct\":false,\"no-flush\":false}")
                .replace("{\"path\":\"/run/labvisor/cards/i-0123456789abcdef0/vol-0123456789abcdef0.sock\","
                                + "\"type\":\"unix\"}",
                        "{\"type\":\"unix\",\"path\":\"/run/labvisor/cards/i-0123456789abcdef0/vol-0123456789abcdef0.sock\"}");
    }

    @Test
    void adoptsOnlyItsOwnDaemonByCmdline() {
        String own = String.join("\0", "/usr/bin/qemu-storage-daemon", "--pidfile",
                "/var/lib/lv/cards/i-0123456789abcdef0.pid", "--blockdev", "{}") + "\0";
        assertTrue(spec.matchesCmdline(own));
        assertFalse(spec.matchesCmdline(own.replace("abcdef0.pid", "abcdef1.pid")), "another instance's card");
        assertFalse(spec.matchesCmdline("/bin/bash\0-c\0sleep 100\0"), "a reused pid");
    }
}
