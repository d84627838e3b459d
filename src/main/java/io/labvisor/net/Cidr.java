package io.labvisor.net;

import io.labvisor.ec2.Ec2Exception;

/**
 * An IPv4 block in CIDR notation, held as its network address (host bits zero) and prefix length. Pure math:
 * containment, overlap and the addresses EC2 gives a subnet (.0 network, .1 router, .2 DNS, .3 reserved, and the
 * last address are never assigned to instances).
 */
public record Cidr(int network, int prefix) {
    private static final int EC2_RESERVED_LOW = 4;

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix must be 0..32: " + prefix);
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set in " + format(network) + "/" + prefix);
        }
    }

    /** Parses {@code a.b.c.d/p}; host bits must be zero, as EC2 insists. */
    public static Cidr parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("/", -1);
        if (parts.length != 2) {
            throw invalid(text);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        int address = parseAddress(parts[0]).orElseThrow(() -> invalid(text));
        if (prefix < 0 || prefix > 32 || (address & ~mask(prefix)) != 0) {
            throw invalid(text);
        }
        return new Cidr(address, prefix);
    }

    private static Ec2Exception invalid(String text) {
        return Ec2Exception.invalidParameter("Value (" + text + ") for parameter cidrBlock is invalid. "
                + "This is not a valid CIDR block.");
    }

    static java.util.OptionalInt parseAddress(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return java.util.OptionalInt.empty();
        }
        int value = 0;
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}")) {
                return java.util.OptionalInt.empty();
            }
            int o = Integer.parseInt(octet);
            if (o > 255) {
                return java.util.OptionalInt.empty();
            }
            value = value << 8 | o;
        }
        return java.util.OptionalInt.of(value);
    }

    /** The address as an unsigned int, or an exception for text that is not dotted-quad IPv4. */
    public static int address(String text) {
        return parseAddress(text).orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + text));
    }

    public static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    /** The {@code i}-th address of the block (0 = network address). */
    public int at(long i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(i + " outside " + this);
        }
        return (int) (network + i);
    }

    public int last() {
        return at(size() - 1);
    }

    public boolean contains(int address) {
        return (address & mask(prefix)) == network;
    }

    public boolean contains(Cidr other) {
        return other.prefix >= prefix && contains(other.network);
    }

    public boolean overlaps(Cidr other) {
        return contains(other.network) || other.contains(network);
    }

    /** The subnet's router address (.1), which labvisor gives the host side of the bridge. */
    public int gateway() {
        return at(1);
    }

    /** First address EC2 lets an instance have (after .0-.3). */
    public int firstAssignable() {
        return at(EC2_RESERVED_LOW);
    }

    /** Last address EC2 lets an instance have (before the broadcast address). */
    public int lastAssignable() {
        return at(size() - 2);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
