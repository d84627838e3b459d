package io.labvisor.virtxml;

import java.util.Locale;

/** libvirt's scaled sizes ({@code <memory unit='KiB'>}, {@code <capacity unit='G'>}), converted to bytes. */
public final class Units {
    private Units() {
    }

    /**
     * {@code value} of {@code unit} in bytes. libvirt reads a missing unit as a per-element default (KiB for memory,
     * bytes for storage), so callers pass that default.
     */
    public static long toBytes(long value, String unit, String defaultUnit) {
        long factor = factor(unit == null || unit.isEmpty() ? defaultUnit : unit);
        try {
            return Math.multiplyExact(value, factor);
        } catch (ArithmeticException e) {
            throw new XmlException("size " + value + " " + unit + " does not fit in 64 bits", e);
        }
    }

    private static long factor(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "b", "byte", "bytes" -> 1L;
            case "kb" -> 1000L;
            case "k", "kib" -> 1L << 10;
            case "mb" -> 1000L * 1000;
            case "m", "mib" -> 1L << 20;
            case "gb" -> 1000L * 1000 * 1000;
            case "g", "gib" -> 1L << 30;
            case "tb" -> 1000L * 1000 * 1000 * 1000;
            case "t", "tib" -> 1L << 40;
            case "pb" -> 1000L * 1000 * 1000 * 1000 * 1000;
            case "p", "pib" -> 1L << 50;
            case "eb" -> 1000L * 1000 * 1000 * 1000 * 1000 * 1000;
            case "e", "eib" -> 1L << 60;
            default -> throw new XmlException("unknown size unit '" + unit + "'");
        };
    }
}
