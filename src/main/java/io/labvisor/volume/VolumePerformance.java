package io.labvisor.volume;

/**
 * What a volume may do on its own, before the instance's EBS limits: sustained IOPS and throughput (MiB/s), and
 * the burst ceilings of the credit-based types (gp2, st1, sc1), equal to the baseline for the others.
 */
public record VolumePerformance(long iops, long throughputMiBps, long burstIops, long burstThroughputMiBps) {
    public static VolumePerformance steady(long iops, long throughputMiBps) {
        return new VolumePerformance(iops, throughputMiBps, iops, throughputMiBps);
    }
}
