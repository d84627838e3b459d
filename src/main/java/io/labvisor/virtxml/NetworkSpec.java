package io.labvisor.virtxml;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * An isolated libvirt network: a bridge with an IPv4 address and DHCP, and no {@code <forward>}, so guests reach
 * each other and the host but nothing beyond.
 *
 * @param name       network name (required)
 * @param uuid       optional; libvirt generates one when absent
 * @param bridgeName optional Linux bridge name; libvirt picks {@code virbrN} when absent
 * @param stp        spanning tree on the bridge
 * @param delay      bridge forward delay in seconds
 * @param mtu        optional MTU of the bridge
 * @param mac        optional MAC of the bridge
 * @param ipv4       optional host address and prefix on the bridge; needed for DHCP
 * @param dhcpRange  optional dynamic range
 * @param dhcpHosts  static leases
 */
public record NetworkSpec(String name, String uuid, String bridgeName, boolean stp, int delay, Integer mtu,
        String mac, Ipv4 ipv4, DhcpRange dhcpRange, List<DhcpHost> dhcpHosts) {

    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.%-]{1,15}");

    /** The host's address on the bridge and the network's prefix length. */
    public record Ipv4(String address, int prefix) {
        public Ipv4 {
            Require.ipv4(address, "network address");
            if (prefix < 0 || prefix > 32) {
                throw new IllegalArgumentException("prefix must be 0..32: " + prefix);
            }
        }

        boolean contains(String ip) {
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            return (Require.ipv4ToInt(ip, "address") & mask) == (Require.ipv4ToInt(address, "address") & mask);
        }
    }

    /** Addresses dnsmasq hands out dynamically, both ends included. */
    public record DhcpRange(String start, String end) {
        public DhcpRange {
            int first = Require.ipv4ToInt(Require.present(start, "DHCP range start"), "DHCP range start");
            int last = Require.ipv4ToInt(Require.present(end, "DHCP range end"), "DHCP range end");
            if (Integer.compareUnsigned(first, last) > 0) {
                throw new IllegalArgumentException("DHCP range starts after it ends: " + start + " > " + end);
            }
        }
    }

    /**
     * A static lease; {@code name} is optional. {@code leaseMinutes} is how long dnsmasq's lease for it lasts
     * ({@code <lease expiry='N' unit='minutes'/>}, libvirt 6.3.0 and later): null for dnsmasq's default (1 h), 0 for
     * infinite, otherwise at least 2 (dnsmasq's minimum: it raises shorter leases to two minutes).
     */
    public record DhcpHost(String mac, String ip, String name, Integer leaseMinutes) {
        public static final int MIN_LEASE_MINUTES = 2;

        public DhcpHost {
            mac = Require.mac(mac, "DHCP host MAC");
            Require.ipv4(ip, "DHCP host address");
            if (name != null) {
                Require.notBlank(name, "DHCP host name");
            }
            if (leaseMinutes != null && leaseMinutes != 0 && leaseMinutes < MIN_LEASE_MINUTES) {
                throw new IllegalArgumentException("DHCP lease must be 0 (infinite) or at least "
                        + MIN_LEASE_MINUTES + " minutes: " + leaseMinutes);
            }
        }

        public DhcpHost(String mac, String ip, String name) {
            this(mac, ip, name, null);
        }

        void write(Element host) {
            Xml.setAttr(host, "mac", mac);
            Xml.setAttr(host, "name", name);
            Xml.setAttr(host, "ip", ip);
            if (leaseMinutes != null) {
                Element lease = Xml.addChild(host, "lease");
                Xml.setAttr(lease, "expiry", leaseMinutes);
                Xml.setAttr(lease, "unit", "minutes");
            }
        }

        /** The {@code <host>} element alone, as virNetworkUpdate takes it. */
        public String toXml() {
            Element host = Xml.newRoot("host");
            write(host);
            return Xml.toXmlString(host);
        }
    }

    public NetworkSpec {
        Require.objectName(name, "network name");
        uuid = uuid == null ? null : Require.uuid(uuid, "network UUID");
        if (bridgeName != null) {
            Require.matches(bridgeName, IFNAME, "bridge name");
        }
        Require.nonNegative(delay, "bridge delay");
        if (mtu != null && (mtu < 68 || mtu > 65535)) {
            throw new IllegalArgumentException("MTU must be 68..65535: " + mtu);
        }
        mac = mac == null ? null : Require.mac(mac, "bridge MAC");
        dhcpHosts = List.copyOf(dhcpHosts);
        if (ipv4 == null && (dhcpRange != null || !dhcpHosts.isEmpty())) {
            throw new IllegalArgumentException("DHCP needs an IPv4 address on the network");
        }
        if (dhcpRange != null && !(ipv4.contains(dhcpRange.start()) && ipv4.contains(dhcpRange.end()))) {
            throw new IllegalArgumentException("DHCP range " + dhcpRange + " is outside " + ipv4);
        }
        for (DhcpHost host : dhcpHosts) {
            if (!ipv4.contains(host.ip())) {
                throw new IllegalArgumentException("DHCP host " + host.ip() + " is outside " + ipv4);
            }
        }
    }

    public static Builder builder(String name) {
        return new Builder().name(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder().name(name).uuid(uuid).bridgeName(bridgeName).stp(stp).delay(delay).mtu(mtu)
                .mac(mac).ipv4(ipv4).dhcpRange(dhcpRange);
        dhcpHosts.forEach(b::addDhcpHost);
        return b;
    }

    /** The network's XML, as {@code virNetworkDefineXML} takes it. */
    public String toXml() {
        Element network = Xml.newRoot("network");
        Xml.addText(network, "name", name);
        if (uuid != null) {
            Xml.addText(network, "uuid", uuid);
        }
        Element bridge = Xml.addChild(network, "bridge");
        Xml.setAttr(bridge, "name", bridgeName);
        Xml.setAttr(bridge, "stp", stp ? "on" : "off");
        Xml.setAttr(bridge, "delay", delay);
        if (mtu != null) {
            Xml.setAttr(Xml.addChild(network, "mtu"), "size", mtu);
        }
        if (mac != null) {
            Xml.setAttr(Xml.addChild(network, "mac"), "address", mac);
        }
        if (ipv4 != null) {
            Element ip = Xml.addChild(network, "ip");
            Xml.setAttr(ip, "address", ipv4.address());
            Xml.setAttr(ip, "prefix", ipv4.prefix());
            if (dhcpRange != null || !dhcpHosts.isEmpty()) {
                Element dhcp = Xml.addChild(ip, "dhcp");
                if (dhcpRange != null) {
                    Element range = Xml.addChild(dhcp, "range");
                    Xml.setAttr(range, "start", dhcpRange.start());
                    Xml.setAttr(range, "end", dhcpRange.end());
                }
                for (DhcpHost host : dhcpHosts) {
                    host.write(Xml.addChild(dhcp, "host"));
                }
            }
        }
        return Xml.toXmlString(network);
    }

    /**
     * Reads network XML, including what {@code virNetworkGetXMLDesc} adds. A network with {@code <forward>} is
     * refused rather than silently read as isolated; only the first IPv4 {@code <ip>} is read.
     */
    public static NetworkSpec parse(String xml) {
        Element network = Xml.parseRoot(xml, "network");
        if (Xml.child(network, "forward").isPresent()) {
            throw new XmlException("network has <forward>; NetworkSpec describes isolated networks only");
        }
        Builder b = builder(Xml.childText(network, "name").orElseThrow(() -> new XmlException("network has no name")));
        Xml.childText(network, "uuid").ifPresent(uuid -> b.uuid(uuid.strip()));
        Xml.child(network, "bridge").ifPresent(bridge -> {
            Xml.attr(bridge, "name").ifPresent(b::bridgeName);
            Xml.attr(bridge, "stp").ifPresent(stp -> b.stp(Xml.toBoolean(stp, "stp")));
            Xml.intAttr(bridge, "delay").ifPresent(b::delay);
        });
        Xml.child(network, "mtu").flatMap(mtu -> Xml.intAttr(mtu, "size")).ifPresent(b::mtu);
        Xml.child(network, "mac").flatMap(mac -> Xml.attr(mac, "address")).ifPresent(b::mac);
        Xml.children(network, "ip").stream()
                .filter(ip -> Xml.attr(ip, "family").orElse("ipv4").equals("ipv4"))
                .findFirst()
                .ifPresent(ip -> readIp(ip, b));
        return b.build();
    }

    private static void readIp(Element ip, Builder b) {
        String address = Xml.requiredAttr(ip, "address");
        int prefix = Xml.intAttr(ip, "prefix").orElseGet(() -> prefixOf(Xml.requiredAttr(ip, "netmask")));
        b.ipv4(new Ipv4(address, prefix));
        Xml.child(ip, "dhcp").ifPresent(dhcp -> {
            Xml.child(dhcp, "range").ifPresent(range ->
                    b.dhcpRange(new DhcpRange(Xml.requiredAttr(range, "start"), Xml.requiredAttr(range, "end"))));
            for (Element host : Xml.children(dhcp, "host")) {
                b.addDhcpHost(new DhcpHost(Xml.requiredAttr(host, "mac"), Xml.requiredAttr(host, "ip"),
                        Xml.attr(host, "name").orElse(null), Xml.child(host, "lease").map(NetworkSpec::leaseMinutes)
                        .orElse(null)));
            }
        });
    }

    /** {@code <lease expiry unit>} in minutes (libvirt's default unit), as dnsmasq applies it (at least two). */
    private static int leaseMinutes(Element lease) {
        String text = Xml.requiredAttr(lease, "expiry");
        long expiry;
        try {
            expiry = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new XmlException("DHCP lease expiry is not a number: " + text);
        }
        long minutes = switch (Xml.attr(lease, "unit").orElse("minutes")) {
            case "seconds" -> (expiry + 59) / 60;
            case "minutes" -> expiry;
            case "hours" -> expiry * 60;
            default -> throw new XmlException("unknown DHCP lease unit: " + Xml.attr(lease, "unit").orElseThrow());
        };
        return (int) Math.min(minutes == 0 ? 0 : Math.max(minutes, DhcpHost.MIN_LEASE_MINUTES), Integer.MAX_VALUE);
    }

    // libvirt keeps netmask='255.255.255.0' when that is how the network was defined.
    private static int prefixOf(String netmask) {
        int bits = Require.ipv4ToInt(netmask, "netmask");
        int prefix = Integer.bitCount(bits);
        if (bits != (prefix == 0 ? 0 : -1 << (32 - prefix))) {
            throw new XmlException("netmask is not contiguous: " + netmask);
        }
        return prefix;
    }

    /** Builder; stp defaults to on and delay to 0, as libvirt does. */
    public static final class Builder {
        private String name;
        private String uuid;
        private String bridgeName;
        private boolean stp = true;
        private int delay;
        private Integer mtu;
        private String mac;
        private Ipv4 ipv4;
        private DhcpRange dhcpRange;
        private final List<DhcpHost> dhcpHosts = new ArrayList<>();

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder uuid(String uuid) {
            this.uuid = uuid;
            return this;
        }

        public Builder bridgeName(String bridgeName) {
            this.bridgeName = bridgeName;
            return this;
        }

        public Builder stp(boolean stp) {
            this.stp = stp;
            return this;
        }

        public Builder delay(int delay) {
            this.delay = delay;
            return this;
        }

        public Builder mtu(Integer mtu) {
            this.mtu = mtu;
            return this;
        }

        public Builder mac(String mac) {
            this.mac = mac;
            return this;
        }

        public Builder ipv4(Ipv4 ipv4) {
            this.ipv4 = ipv4;
            return this;
        }

        public Builder ipv4(String address, int prefix) {
            return ipv4(new Ipv4(address, prefix));
        }

        public Builder dhcpRange(DhcpRange dhcpRange) {
            this.dhcpRange = dhcpRange;
            return this;
        }

        public Builder dhcpRange(String start, String end) {
            return dhcpRange(new DhcpRange(start, end));
        }

        public Builder addDhcpHost(DhcpHost host) {
            dhcpHosts.add(Require.present(host, "DHCP host"));
            return this;
        }

        public Builder addDhcpHost(String mac, String ip, String name) {
            return addDhcpHost(new DhcpHost(mac, ip, name));
        }

        public NetworkSpec build() {
            return new NetworkSpec(name, uuid, bridgeName, stp, delay, mtu, mac, ipv4, dhcpRange, dhcpHosts);
        }
    }
}
