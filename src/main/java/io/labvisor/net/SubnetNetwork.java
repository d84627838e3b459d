package io.labvisor.net;

import io.labvisor.virtxml.NetworkSpec;

/** The libvirt network of a (non-default) subnet. Pure. */
public final class SubnetNetwork {
    /**
     * A placeholder lease on .3 (an address EC2 reserves): with at least one host, libvirt writes the network's
     * {@code <dhcp>} and runs dnsmasq in static-only mode from the start, so instance leases can be added later
     * by virNetworkUpdate. The MAC is locally administered and never given to an instance.
     */
    static final String PLACEHOLDER_MAC = "02:6c:76:00:00:03";

    private SubnetNetwork() {
    }

    public static NetworkSpec spec(Subnet s) {
        Cidr cidr = s.cidr();
        return NetworkSpec.builder(s.network())
                .bridgeName(s.bridge())
                .stp(false) // one bridge, no loops: without STP a new tap forwards at once, in time for DHCP
                .ipv4(Cidr.format(cidr.gateway()), cidr.prefix())
                .addDhcpHost(PLACEHOLDER_MAC, Cidr.format(cidr.at(3)), null)
                .build();
    }
}
