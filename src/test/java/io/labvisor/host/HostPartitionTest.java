package io.labvisor.host;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HostPartitionTest {

    private static String split(HostPartition p) {
        return p.cardCpus() + "|" + p.instanceCpus();
    }

    @Test
    void smallHostsGiveCpuZeroToCardsAndTheRestToInstances() {
        assertEquals("0|0", split(HostPartition.defaults(1, 4096)), "one CPU is shared");
        assertEquals("0|1", split(HostPartition.defaults(2, 4096)));
        assertEquals("0|1-2", split(HostPartition.defaults(3, 4096)));
    }

    @Test
    void largerHostsGiveTheFirstQuarterToCards() {
        assertEquals("0|1-3", split(HostPartition.defaults(4, 16384)));
        assertEquals("0-1|2-7", split(HostPartition.defaults(8, 16384)));
        assertEquals("0-15|16-63", split(HostPartition.defaults(64, 262144)));
    }

    @Test
    void keepsOneGibOrTenPercentForHostAndCards() {
        assertEquals(1024, HostPartition.defaults(2, 4096).reservedMemoryMiB());
        assertEquals(26214, HostPartition.defaults(64, 262144).reservedMemoryMiB());
    }

    @Test
    void environmentOverridesEitherSet() {
        HostPartition p = HostPartition.forHost(4, 8192,
                Map.of("LABVISOR_CARD_CPUS", "0", "LABVISOR_INSTANCE_CPUS", "1-3"));
        assertEquals("0|1-3", split(p));
        assertEquals("0-1|2-3", split(HostPartition.forHost(4, 8192, Map.of("LABVISOR_CARD_CPUS", "0-1",
                "LABVISOR_INSTANCE_CPUS", "2,3"))));
        assertEquals("1|1", split(HostPartition.forHost(2, 4096, Map.of("LABVISOR_CARD_CPUS", "1"))));
    }

    @Test
    void refusesCpusTheHostDoesNotHaveAndBadSyntax() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostPartition.forHost(2, 4096, Map.of("LABVISOR_INSTANCE_CPUS", "1-3")));
        assertEquals("LABVISOR_INSTANCE_CPUS=1-3 names CPU 3, but the host has 2 (0-1)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> HostPartition.forHost(2, 4096, Map.of("LABVISOR_CARD_CPUS", "zero")));
        assertThrows(IllegalArgumentException.class,
                () -> HostPartition.forHost(2, 4096, Map.of("LABVISOR_CARD_CPUS", "1-0")));
    }

    @Test
    void cpuSetsAreWrittenCanonically() {
        assertEquals("0-3,5,7-8", CpuSet.parse("8,7,0-2,3,5").toString());
        assertEquals(7, CpuSet.parse("8,7,0-2,3,5").size());
    }
}
