package io.labvisor.volume;

import io.labvisor.catalog.InstanceType;
import io.labvisor.domain.IoTune;

/**
 * A volume's libvirt {@code <iotune>}: its own IOPS and throughput, each capped by the instance type's EBS
 * maximums (no volume goes faster than the instance's EBS link). Burst ceilings become the {@code _max} limits.
 */
public final class VolumeIoTune {
    private static final long MIB = 1L << 20;

    private VolumeIoTune() {
    }

    public static IoTune of(VolumePerformance p, InstanceType type) {
        long iopsCap = type.ebsMaxIops() > 0 ? type.ebsMaxIops() : Long.MAX_VALUE;
        // The catalog's EBS throughput is in MB/s (10^6 bytes), a volume's in MiB/s.
        long bytesCap = type.ebsMaxThroughputMBps() > 0 ? Math.round(type.ebsMaxThroughputMBps() * 1_000_000)
                : Long.MAX_VALUE;
        long iops = Math.min(p.iops(), iopsCap);
        long bytes = Math.min(p.throughputMiBps() * MIB, bytesCap);
        long burstIops = Math.min(p.burstIops(), iopsCap);
        long burstBytes = Math.min(p.burstThroughputMiBps() * MIB, bytesCap);
        IoTune.Builder b = IoTune.builder().totalIopsSec(iops);
        if (bytes > 0) {
            b.totalBytesSec(bytes);
        }
        if (burstIops > iops) {
            b.totalIopsSecMax(burstIops);
        }
        if (bytes > 0 && burstBytes > bytes) {
            b.totalBytesSecMax(burstBytes);
        }
        return b.build();
    }
}
