package io.labvisor.net;

import io.labvisor.virt.LibvirtHost;
import io.labvisor.virtxml.NetworkSpec;

/**
 * The default VPC's default subnet as a libvirt network: isolated (no forward element, so nothing is routed or
 * NATed off the host) and, because libvirtd runs inside labvisor's network namespace, its bridge and dnsmasq
 * live there too. 172.31.0.0/20 is the address block of EC2's default subnet.
 */
public final class DefaultNetwork {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DefaultNetwork.class);
    public static final String NAME = "labvisor-default";
    public static final String BRIDGE = "lvbr0";
    public static final String GATEWAY = "172.31.0.1";
    public static final int PREFIX = 20;

    private final LibvirtHost libvirt;
    private volatile boolean ensured;

    public DefaultNetwork(LibvirtHost libvirt) {
        this.libvirt = libvirt;
    }

    public static NetworkSpec spec() {
        return NetworkSpec.builder(NAME)
                .bridgeName(BRIDGE)
                .stp(false) // one bridge, no loops: without STP a new tap forwards at once, in time for DHCP
                .ipv4(GATEWAY, PREFIX)
                .dhcpRange("172.31.0.16", "172.31.15.254")
                .build();
    }

    /**
     * Defines and starts the network once per process (libvirt keeps it across restarts: autostart). A definition
     * left by an older labvisor that differs in bridge, addresses or STP is replaced.
     */
    public String ensure() {
        if (!ensured) {
            NetworkSpec wanted = spec();
            var existing = libvirt.networks().xml(NAME).map(NetworkSpec::parse);
            if (existing.isPresent() && !sameShape(existing.get(), wanted)) {
                log.warn("network {} was defined differently; redefining it", NAME);
                libvirt.networks().redefine(NAME, wanted.toXml());
            } else {
                libvirt.networks().ensureNetwork(NAME, wanted.toXml());
            }
            ensured = true;
        }
        return NAME;
    }

    private static boolean sameShape(NetworkSpec a, NetworkSpec b) {
        return a.stp() == b.stp() && java.util.Objects.equals(a.bridgeName(), b.bridgeName())
                && java.util.Objects.equals(a.ipv4(), b.ipv4()) && java.util.Objects.equals(a.dhcpRange(), b.dhcpRange());
    }
}
