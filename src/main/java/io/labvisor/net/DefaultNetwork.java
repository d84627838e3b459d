package io.labvisor.net;

import io.labvisor.virt.LibvirtSession;
import io.labvisor.virtxml.NetworkSpec;

/**
 * The default VPC's default subnet as a libvirt network: isolated (no forward element, so nothing is routed or
 * NATed off the host) and, because libvirtd runs inside labvisor's network namespace, its bridge and dnsmasq
 * live there too. 172.31.0.0/20 is the address block of EC2's default subnet.
 */
public final class DefaultNetwork {
    public static final String NAME = "labvisor-default";
    public static final String BRIDGE = "lvbr0";
    public static final String GATEWAY = "172.31.0.1";
    public static final int PREFIX = 20;

    private final LibvirtSession libvirt;
    private volatile boolean ensured;

    public DefaultNetwork(LibvirtSession libvirt) {
        this.libvirt = libvirt;
    }

    public static NetworkSpec spec() {
        return NetworkSpec.builder(NAME)
                .bridgeName(BRIDGE)
                .ipv4(GATEWAY, PREFIX)
                .dhcpRange("172.31.0.16", "172.31.15.254")
                .build();
    }

    /** Defines and starts the network once per process (libvirt keeps it across restarts: autostart). */
    public String ensure() {
        if (!ensured) {
            libvirt.networks().ensureNetwork(NAME, spec().toXml());
            ensured = true;
        }
        return NAME;
    }
}
