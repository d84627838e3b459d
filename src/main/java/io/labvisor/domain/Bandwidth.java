package io.labvisor.domain;

import io.labvisor.virtxml.Xml;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Rate limits libvirt applies with tc on a NIC's tap. Directions are seen from the host side of the tap, as in
 * libvirt: inbound is traffic to the guest. Not available for vhost-user NICs, which have no tap.
 *
 * @param inbound  optional limit on traffic to the guest
 * @param outbound optional limit on traffic from the guest
 */
public record Bandwidth(Rate inbound, Rate outbound) {

    /**
     * One direction's limit.
     *
     * @param average KiB/s, required
     * @param peak    optional KiB/s at most while bursting
     * @param burst   optional KiB that may be sent at peak rate
     */
    public record Rate(long average, Long peak, Long burst) {
        private static final long MAX_SPEED = 1L << 54; // libvirt's schema limit

        public Rate {
            if (average < 1 || average > MAX_SPEED) {
                throw new IllegalArgumentException("average rate must be 1.." + MAX_SPEED + " KiB/s: " + average);
            }
            if (peak != null && (peak < average || peak > MAX_SPEED)) {
                throw new IllegalArgumentException("peak rate must be at least the average: " + peak);
            }
            if (burst != null && (burst < 1 || burst > 0xFFFF_FFFFL)) {
                throw new IllegalArgumentException("burst must be 1..4294967295 KiB: " + burst);
            }
        }

        /** A flat limit without bursting. */
        public static Rate of(long average) {
            return new Rate(average, null, null);
        }

        /** A limit that may burst {@code burst} KiB at {@code peak}. */
        public static Rate of(long average, long peak, long burst) {
            return new Rate(average, peak, burst);
        }
    }

    public Bandwidth {
        if (inbound == null && outbound == null) {
            throw new IllegalArgumentException("bandwidth limits neither direction");
        }
    }

    void writeTo(Element iface) {
        Element bandwidth = Xml.addChild(iface, "bandwidth");
        write(bandwidth, "inbound", inbound);
        write(bandwidth, "outbound", outbound);
    }

    private static void write(Element bandwidth, String direction, Rate rate) {
        if (rate != null) {
            Element element = Xml.addChild(bandwidth, direction);
            Xml.setAttr(element, "average", rate.average());
            Xml.setAttr(element, "peak", rate.peak());
            Xml.setAttr(element, "burst", rate.burst());
        }
    }

    /** Reads the limits; a direction with only a {@code floor} (not modelled) counts as unset. */
    static Optional<Bandwidth> parse(Element bandwidth) {
        Rate inbound = read(bandwidth, "inbound");
        Rate outbound = read(bandwidth, "outbound");
        return inbound == null && outbound == null ? Optional.empty() : Optional.of(new Bandwidth(inbound, outbound));
    }

    private static Rate read(Element bandwidth, String direction) {
        return Xml.child(bandwidth, direction)
                .filter(e -> Xml.attr(e, "average").isPresent())
                .map(e -> new Rate(Xml.longAttr(e, "average").orElseThrow(), Xml.longAttr(e, "peak").orElse(null),
                        Xml.longAttr(e, "burst").orElse(null)))
                .orElse(null);
    }
}
