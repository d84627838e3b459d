package io.labvisor.card;

import io.labvisor.host.CpuSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
                "--chardev", "socket,id=qmp0,path=/run/labvisor/cards/i-0123456789abcdef0/storage-card.qmp,"
                        + "server=on,wait=off",
                "--monitor", "chardev=qmp0,mode=control",
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
    void aThrottledDataVolumeGetsAThrottleGroupAndAThrottleNodeUnderItsExport() {
        StorageCardSpec two = layout.spec("i-0123456789abcdef0", List.of(
                new CardLayout.VolumeImage("vol-0000000000000000a", Path.of("/pool/a.qcow2")),
                new CardLayout.VolumeImage("vol-0000000000000000b", Path.of("/pool/b.qcow2"),
                        java.util.Optional.of(new CardThrottle(3000, 131072000, 0, 0)))), 1, CpuSet.parse("0"));
        List<String> argv = two.argv();
        int object = argv.indexOf("--object");
        assertEquals("{\"qom-type\":\"throttle-group\",\"id\":\"throttle-vol-0000000000000000b\","
                + "\"limits\":{\"iops-total\":3000,\"bps-total\":131072000}}", argv.get(object + 1));
        assertTrue(argv.contains("{\"driver\":\"qcow2\",\"node-name\":\"vol-0000000000000000b-qcow2\","
                + "\"file\":\"vol-0000000000000000b-file\"}"), argv.toString());
        assertTrue(argv.contains("{\"driver\":\"throttle\",\"node-name\":\"vol-0000000000000000b\","
                + "\"throttle-group\":\"throttle-vol-0000000000000000b\",\"file\":\"vol-0000000000000000b-qcow2\"}"),
                argv.toString());
        // Blockdevs come before the exports, and the throttle group before the node that names it.
        assertTrue(object < argv.indexOf("{\"driver\":\"throttle\",\"node-name\":\"vol-0000000000000000b\","
                + "\"throttle-group\":\"throttle-vol-0000000000000000b\",\"file\":\"vol-0000000000000000b-qcow2\"}"));
        List<String> exports = argv.stream().filter(a -> a.contains("vhost-user-blk")).toList();
        assertEquals(2, exports.size());
        assertTrue(exports.get(1).contains("\"node-name\":\"vol-0000000000000000b\""), exports.get(1));
        assertTrue(exports.stream().allMatch(e -> e.contains("\"writethrough\":true")), "every export write-through");
        assertEquals(List.of("vol-0000000000000000b", "vol-0000000000000000b-qcow2", "vol-0000000000000000b-file"),
                CardBlockGraph.nodeNamesTopFirst(two.volumes().get(1)));
        assertEquals(List.of("vol-0000000000000000a", "vol-0000000000000000a-file"),
                CardBlockGraph.nodeNamesTopFirst(two.volumes().get(0)), "the unthrottled root: qcow2 on top");
    }

    @Test
    void throttleLimitsFollowQemusRules() {
        assertEquals(java.util.Map.of("iops-total", 100L, "iops-total-max", 3000L, "bps-total", 1048576L),
                new CardThrottle(100, 1048576, 3000, 0).limits());
        assertThrows(IllegalArgumentException.class, () -> new CardThrottle(0, 0, 0, 0), "no limit at all");
        assertThrows(IllegalArgumentException.class, () -> new CardThrottle(100, 0, 50, 0), "burst below sustained");
        assertThrows(IllegalArgumentException.class, () -> new CardThrottle(100, 0, 0, 4096), "burst without base");
    }

    @Test
    void theQmpSocketIsTheCardsToRemove() {
        assertTrue(StorageCardSpec.isCardSocket("storage-card.qmp"));
        assertTrue(StorageCardSpec.isCardSocket("vol-0123456789abcdef0.sock"));
        assertFalse(StorageCardSpec.isCardSocket("eni0.sock"), "the network card's");
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
