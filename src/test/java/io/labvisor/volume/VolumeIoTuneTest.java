package io.labvisor.volume;

import io.labvisor.catalog.InstanceType;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.domain.IoTune;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VolumeIoTuneTest {
    private static final InstanceTypeCatalog CATALOG = InstanceTypeCatalog.builtIn();
    private static final long MIB = 1L << 20;

    @Test
    void aVolumeBelowTheInstancesLimitsKeepsItsOwn() {
        InstanceType big = CATALOG.require("m5.24xlarge");
        IoTune t = VolumeIoTune.of(VolumePerformance.steady(3_000, 125), big);
        assertEquals(3_000L, t.totalIopsSec());
        assertEquals(125 * MIB, t.totalBytesSec());
        assertNull(t.totalIopsSecMax(), "no burst for a steady volume");
    }

    @Test
    void theInstanceTypesEbsMaximumsCapTheVolume() {
        InstanceType small = CATALOG.require("m5.large");
        IoTune t = VolumeIoTune.of(VolumePerformance.steady(64_000, 1_000), small);
        assertEquals((long) small.ebsMaxIops(), t.totalIopsSec());
        assertEquals(Math.round(small.ebsMaxThroughputMBps() * 1_000_000), t.totalBytesSec());
    }

    @Test
    void burstCeilingsBecomeMaxLimitsAndAreCappedToo() {
        InstanceType big = CATALOG.require("m5.24xlarge");
        IoTune gp2 = VolumeIoTune.of(new VolumePerformance(100, 250, 3_000, 250), big);
        assertEquals(100L, gp2.totalIopsSec());
        assertEquals(3_000L, gp2.totalIopsSecMax());
        assertNull(gp2.totalBytesSecMax());
        InstanceType small = CATALOG.require("m5.large");
        IoTune st1 = VolumeIoTune.of(new VolumePerformance(500, 40, 500, 1_000), small);
        assertEquals(40 * MIB, st1.totalBytesSec());
        assertEquals(Math.round(small.ebsMaxThroughputMBps() * 1_000_000), st1.totalBytesSecMax());
    }
}
