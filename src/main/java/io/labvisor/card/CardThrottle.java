package io.labvisor.card;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data volume's EBS limits as the storage card enforces them: QEMU's {@code throttle-group} limits on a
 * {@code throttle} node above the volume's image. libvirt's {@code <iotune>} cannot reach a vhost-user disk (the
 * I/O never passes QEMU's block layer), so the card, which does the I/O, throttles it. Zero means no limit.
 *
 * @param iopsTotal    sustained operations per second (read + write)
 * @param bytesTotal   sustained bytes per second (read + write)
 * @param iopsTotalMax burst ceiling of operations per second, held for one second as libvirt's {@code _max}
 * @param bytesTotalMax burst ceiling of bytes per second
 */
public record CardThrottle(long iopsTotal, long bytesTotal, long iopsTotalMax, long bytesTotalMax) {

    public CardThrottle {
        if (iopsTotal < 0 || bytesTotal < 0 || iopsTotalMax < 0 || bytesTotalMax < 0) {
            throw new IllegalArgumentException("throttle limits must not be negative");
        }
        if (iopsTotal == 0 && bytesTotal == 0) {
            throw new IllegalArgumentException("a throttle needs an IOPS or a throughput limit");
        }
        // QEMU refuses a burst without its sustained limit, or below it.
        if (iopsTotalMax > 0 && (iopsTotal == 0 || iopsTotalMax < iopsTotal)) {
            throw new IllegalArgumentException("burst IOPS " + iopsTotalMax + " below sustained " + iopsTotal);
        }
        if (bytesTotalMax > 0 && (bytesTotal == 0 || bytesTotalMax < bytesTotal)) {
            throw new IllegalArgumentException("burst bytes " + bytesTotalMax + " below sustained " + bytesTotal);
        }
    }

    /** The {@code limits} member of a {@code throttle-group} object (QAPI ThrottleLimits); unset limits left out. */
    public Map<String, Object> limits() {
        Map<String, Object> limits = new LinkedHashMap<>();
        if (iopsTotal > 0) {
            limits.put("iops-total", iopsTotal);
        }
        if (iopsTotalMax > 0) {
            limits.put("iops-total-max", iopsTotalMax);
        }
        if (bytesTotal > 0) {
            limits.put("bps-total", bytesTotal);
        }
        if (bytesTotalMax > 0) {
            limits.put("bps-total-max", bytesTotalMax);
        }
        return limits;
    }
}
