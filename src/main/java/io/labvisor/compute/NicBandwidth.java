package io.labvisor.compute;

import io.labvisor.catalog.InstanceType;
import io.labvisor.domain.Bandwidth;

/**
 * An instance type's network bandwidth as libvirt {@code <bandwidth>} limits on its NIC (tc on QEMU's tap), the same
 * in both directions: the baseline as the average rate; for "Up to N Gigabit" types the peak as peak rate, with a
 * burst bucket of what the peak rate sends in one second, capped at one minute of baseline traffic. The cap keeps
 * the bucket within what tc can express (its buffer time is a 32-bit count of ticks, a few minutes at most) and
 * stands in for AWS's network credits, which let such types run at their peak for minutes, not indefinitely.
 * <p>
 * Not for nitro NICs: a vhost-user interface has no tap, libvirt cannot shape it (the network card would have to).
 */
final class NicBandwidth {
    static final long BURST_BASELINE_SECONDS = 60;

    private NicBandwidth() {
    }

    static Bandwidth of(InstanceType type) {
        long average = kibPerSecond(type.networkBaselineGbps());
        long peak = kibPerSecond(type.networkPeakGbps());
        Bandwidth.Rate rate = peak > average
                ? Bandwidth.Rate.of(average, peak, Math.min(peak, average * BURST_BASELINE_SECONDS))
                : Bandwidth.Rate.of(average);
        return new Bandwidth(rate, rate);
    }

    /** Gbit/s (10^9 bits) as libvirt's KiB/s, at least 1. */
    static long kibPerSecond(double gbps) {
        return Math.max(1, (long) Math.floor(gbps * 1e9 / 8 / 1024));
    }
}
