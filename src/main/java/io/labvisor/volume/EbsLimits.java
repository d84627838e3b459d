package io.labvisor.volume;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.util.Optional;

/**
 * CreateVolume's rules as EC2 publishes them: the size range of each type, which types take --iops and
 * --throughput and their ranges, and the defaults. Pure, so every limit is a unit test.
 *
 * <ul>
 * <li>gp2: 3 IOPS/GiB, at least 100, at most 16,000; volumes under 1 TiB burst to 3,000 IOPS; 250 MiB/s.</li>
 * <li>gp3: 3,000 IOPS and 125 MiB/s included; 3,000-16,000 IOPS, above 3,000 at most 500 per GiB; 125-1,000 MiB/s at most
 * 0.25 MiB/s per provisioned IOPS.</li>
 * <li>io1: IOPS required, 100-64,000, at most 50 per GiB; io2: 100-256,000, at most 500 per GiB. Throughput
 * follows IOPS at 256 KiB per I/O, up to 1,000 (io1) or 4,000 (io2) MiB/s.</li>
 * <li>st1: 40 MiB/s per TiB baseline, 250 per TiB burst, 500 MiB/s at most; sc1: 12 / 80 per TiB, 250 at most;
 * 500 (st1) or 250 (sc1) IOPS of 1 MiB.</li>
 * </ul>
 */
public final class EbsLimits {
    private EbsLimits() {
    }

    /** Checks a request and returns the performance the volume gets; InvalidParameter* when EC2 would refuse. */
    public static VolumePerformance resolve(VolumeType type, int sizeGib, Optional<Integer> iops,
                                            Optional<Integer> throughput) {
        if (sizeGib < type.minGib() || sizeGib > type.maxGib()) {
            throw Ec2Exception.invalidParameter("Volume of " + sizeGib + "GiB is too " + (sizeGib < type.minGib()
                    ? "small" : "large") + " for " + type.label() + "; the size must be " + type.minGib() + "-"
                    + type.maxGib() + " GiB");
        }
        if (throughput.isPresent() && type != VolumeType.GP3) {
            throw unsupported("throughput", type);
        }
        return switch (type) {
            case GP2 -> {
                noIops(iops, type);
                long base = clamp(3L * sizeGib, 100, 16_000);
                yield new VolumePerformance(base, 250, Math.max(base, 3_000), 250);
            }
            case GP3 -> {
                long i = iops.orElse(3_000);
                range("iops", i, 3_000, 16_000);
                if (i > 3_000) { // the included 3,000 hold for any size; only more is bound to the size
                    perGib(i, sizeGib, 500);
                }
                long t = throughput.orElse(125);
                range("throughput", t, 125, 1_000);
                if (t * 4 > i) {
                    throw Ec2Exception.invalidParameter("Throughput (MiBps) to iops ratio of " + t + "/" + i
                            + " is too high; maximum is 0.25 MiBps per iops.");
                }
                yield VolumePerformance.steady(i, t);
            }
            case IO1, IO2 -> {
                long i = iops.orElseThrow(() -> new Ec2Exception(ErrorCode.MISSING_PARAMETER,
                        "The request must contain the parameter iops for " + type.label() + " volumes"));
                range("iops", i, 100, type == VolumeType.IO1 ? 64_000 : 256_000);
                perGib(i, sizeGib, type == VolumeType.IO1 ? 50 : 500);
                yield VolumePerformance.steady(i, Math.min(i / 4, type == VolumeType.IO1 ? 1_000 : 4_000));
            }
            case ST1 -> {
                noIops(iops, type);
                yield new VolumePerformance(500, Math.min(500, 40L * sizeGib / 1024), 500,
                        Math.min(500, 250L * sizeGib / 1024));
            }
            case SC1 -> {
                noIops(iops, type);
                yield new VolumePerformance(250, Math.min(250, 12L * sizeGib / 1024), 250,
                        Math.min(250, 80L * sizeGib / 1024));
            }
        };
    }

    private static void noIops(Optional<Integer> iops, VolumeType type) {
        if (iops.isPresent()) {
            throw unsupported("iops", type);
        }
    }

    private static Ec2Exception unsupported(String parameter, VolumeType type) {
        return new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION,
                "The parameter " + parameter + " is not supported for " + type.label() + " volumes.");
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw Ec2Exception.invalidParameter("Value (" + value + ") for parameter " + name + " is invalid. "
                    + "It must be between " + min + " and " + max + ".");
        }
    }

    private static void perGib(long iops, int sizeGib, int maxPerGib) {
        if (iops > (long) sizeGib * maxPerGib) {
            throw Ec2Exception.invalidParameter("Iops to volume size ratio of " + iops + "/" + sizeGib
                    + " is too high; maximum is " + maxPerGib + ".");
        }
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
