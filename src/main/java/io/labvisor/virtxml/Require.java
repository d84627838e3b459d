package io.labvisor.virtxml;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Argument checks shared by the builders. Each returns the (possibly normalised) value or throws
 * {@link IllegalArgumentException}; they catch what libvirt would refuse later with a less helpful message.
 */
public final class Require {
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final Pattern UUID_DASHED =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern UUID_PLAIN = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern IPV4_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

    private Require() {
    }

    /** {@code value} itself; it must not be null. */
    public static <T> T present(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    /** {@code value}, which must hold something other than whitespace. */
    public static String notBlank(String value, String what) {
        if (present(value, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    /** A libvirt object name (domain, network, pool, volume): not blank, one line, no '/'. */
    public static String objectName(String value, String what) {
        notBlank(value, what);
        if (value.contains("/") || value.contains("\n")) {
            throw new IllegalArgumentException(what + " must not contain '/' or a newline: " + value);
        }
        return value;
    }

    /** {@code value} without line breaks (libvirt keeps titles and similar to one line). */
    public static String singleLine(String value, String what) {
        if (value != null && (value.contains("\n") || value.contains("\r"))) {
            throw new IllegalArgumentException(what + " must be a single line");
        }
        return value;
    }

    /** An absolute host path. */
    public static String absolutePath(String value, String what) {
        if (!present(value, what).startsWith("/") || value.length() < 2) {
            throw new IllegalArgumentException(what + " must be an absolute path: " + value);
        }
        return value;
    }

    /** A unicast MAC address xx:xx:xx:xx:xx:xx, returned in lower case as libvirt writes it. */
    public static String mac(String value, String what) {
        if (!MAC.matcher(present(value, what)).matches()) {
            throw new IllegalArgumentException(what + " must look like xx:xx:xx:xx:xx:xx: " + value);
        }
        if ((Integer.parseInt(value.substring(0, 2), 16) & 1) != 0) {
            throw new IllegalArgumentException(what + " must be unicast (first octet even): " + value);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** A UUID in either of libvirt's spellings, returned in the dashed lower-case form libvirt writes. */
    public static String uuid(String value, String what) {
        present(value, what);
        String plain;
        if (UUID_DASHED.matcher(value).matches()) {
            plain = value.replace("-", "");
        } else if (UUID_PLAIN.matcher(value).matches()) {
            plain = value;
        } else {
            throw new IllegalArgumentException(what + " is not a UUID: " + value);
        }
        plain = plain.toLowerCase(Locale.ROOT);
        return plain.substring(0, 8) + "-" + plain.substring(8, 12) + "-" + plain.substring(12, 16) + "-"
                + plain.substring(16, 20) + "-" + plain.substring(20);
    }

    /** A dotted-quad IPv4 address (parsed by hand: {@code InetAddress} would resolve host names). */
    public static String ipv4(String value, String what) {
        ipv4ToInt(present(value, what), what);
        return value;
    }

    /** The 32 bits of a dotted-quad IPv4 address. */
    public static int ipv4ToInt(String value, String what) {
        String[] octets = value.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException(what + " is not an IPv4 address: " + value);
        }
        int bits = 0;
        for (String octet : octets) {
            if (!IPV4_OCTET.matcher(octet).matches() || Integer.parseInt(octet) > 255) {
                throw new IllegalArgumentException(what + " is not an IPv4 address: " + value);
            }
            bits = (bits << 8) | Integer.parseInt(octet);
        }
        return bits;
    }

    /** {@code value}, which must be greater than zero. */
    public static long positive(long value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
        return value;
    }

    /** {@code value}, which must be greater than zero. */
    public static int positive(int value, String what) {
        return (int) positive((long) value, what);
    }

    /** {@code value}, which must not be negative. */
    public static long nonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
        return value;
    }

    /** {@code value}, which must not be negative. */
    public static int nonNegative(int value, String what) {
        return (int) nonNegative((long) value, what);
    }

    /** {@code value} if it matches {@code pattern}. */
    public static String matches(String value, Pattern pattern, String what) {
        if (!pattern.matcher(present(value, what)).matches()) {
            throw new IllegalArgumentException(what + " must match " + pattern + ": " + value);
        }
        return value;
    }
}
