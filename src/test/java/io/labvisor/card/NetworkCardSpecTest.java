package io.labvisor.card;

import io.labvisor.host.CpuSet;
import io.labvisor.virtxml.NwFilterBindingSpec;
import io.labvisor.virtxml.NwFilterSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkCardSpecTest {
    private static final String ID = "i-0123456789abcdef0";
    private final CardLayout layout = new CardLayout(Path.of("/run/labvisor/cards"), Path.of("/var/lib/lv/cards"))
            .network();
    private final NetworkCardSpec spec = layout.networkSpec(ID, "labvisor", "lvbr0", CpuSet.parse("0"),
            Optional.of(new NetworkCardSpec.TapFilter("52:54:00:12:34:56",
                    new NwFilterSpec.Ref("labvisor-eni-" + ID, Map.of("IP", "10.20.1.4")))));

    @Test
    void socketSitsBesideTheStorageSocketsAndStateInItsOwnDirectory() {
        assertEquals(Path.of("/run/labvisor/cards/" + ID + "/eni0.sock"), spec.socket());
        assertEquals(Path.of("/var/lib/lv/cards/network/" + ID + ".pid"), spec.pidFile());
        assertEquals(Path.of("/var/lib/lv/cards/network/" + ID + ".stdin"), spec.stdin());
    }

    @Test
    void tapNamesAreShortStableAndPerInstance() {
        String tap = NetworkCardSpec.tapName(ID);
        assertTrue(tap.matches("lvn[0-9a-f]{8}"), tap);
        assertTrue(tap.length() <= 15);
        assertEquals(tap, NetworkCardSpec.tapName(ID));
        assertNotEquals(tap, NetworkCardSpec.tapName("i-0123456789abcdef1"));
        assertEquals(tap, spec.tap());
    }

    @Test
    void tooLongTapNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkCardSpec(ID, Path.of("/s"), "lvn0123456789abc",
                "labvisor", "lvbr0", CpuSet.parse("0"), Path.of("/p"), Path.of("/f"), Path.of("/l"), Optional.empty()));
    }

    @Test
    void commandRunsTestpmdInTheNamespacePinnedWithStdinHeldOpen() {
        assertEquals(List.of("/usr/bin/ip", "netns", "exec", "labvisor", "/usr/bin/setsid", "/usr/bin/taskset",
                "-c", "0", "/bin/sh", "-c", "exec \"$@\" 0<>\"$0\"", "/var/lib/lv/cards/network/" + ID + ".stdin",
                "/usr/bin/dpdk-testpmd", "--no-huge", "-m", "256", "--no-pci", "--file-prefix=lv-" + ID,
                "--lcores", "0@0,1@0",
                "--vdev", "net_vhost0,iface=/run/labvisor/cards/" + ID + "/eni0.sock,client=0",
                "--vdev", "net_tap0,iface=" + spec.tap(),
                "--", "--no-mlockall", "--total-num-mbufs=2048", "--forward-mode=io", "--auto-start"), spec.argv());
    }

    @Test
    void theGuestsFilterIsBoundToTheCardsTapOwnedByTheInstance() {
        NwFilterBindingSpec binding = spec.binding().orElseThrow();
        assertEquals(spec.tap(), binding.portdev());
        assertEquals("52:54:00:12:34:56", binding.mac());
        assertEquals(ID, binding.ownerName());
        assertEquals(binding.ownerUuid(), spec.binding().orElseThrow().ownerUuid(), "the same owner at every start");
        assertEquals(new NwFilterSpec.Ref("labvisor-eni-" + ID, Map.of("IP", "10.20.1.4")), binding.filter());
        assertTrue(layout.networkSpec(ID, "labvisor", "lvbr0", CpuSet.parse("0"), Optional.empty()).binding()
                .isEmpty(), "no filter, no binding");
    }

    @Test
    void onlyDpdkWorkerLcoresCountAsPollingThreads() {
        assertTrue(PollingPriority.isPollingThread("rte-worker-1"));
        assertTrue(PollingPriority.isPollingThread("lcore-worker-1"));
        assertFalse(PollingPriority.isPollingThread("vhost-events"), "vhost-user messages: QEMU waits for them");
        assertFalse(PollingPriority.isPollingThread("dpdk-testpmd"));
        assertFalse(PollingPriority.isPollingThread("eal-intr-thread"));
    }

    @Test
    void bothLcoresShareTheCardCpus() {
        assertEquals("0@0,1@0", NetworkCardSpec.lcores(CpuSet.parse("0")));
        assertEquals("0@(0-1),1@(0-1)", NetworkCardSpec.lcores(CpuSet.parse("0-1")));
    }

    @Test
    void recognisesItsOwnProcessOnly() {
        String own = String.join("\0", "/usr/bin/dpdk-testpmd", "--no-huge", "--file-prefix=lv-" + ID, "--") + "\0";
        assertTrue(spec.matchesCmdline(own));
        assertFalse(spec.matchesCmdline(own.replace(ID, "i-0123456789abcdef1")));
        assertFalse(spec.matchesCmdline(String.join("\0", "/bin/sh", "--file-prefix=lv-" + ID)));
    }
}
