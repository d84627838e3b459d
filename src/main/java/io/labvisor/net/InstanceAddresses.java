package io.labvisor.net;

import io.labvisor.virt.LibvirtHost;
import io.labvisor.virtxml.NetworkSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Hands an instance's allocated private address to it through its subnet's DHCP (a static lease for its MAC) and
 * takes it back at termination.
 */
public final class InstanceAddresses {
    /**
     * dnsmasq's lease for an instance's static host: the shortest it gives. A terminated instance's lease keeps its
     * address from reuse until it expires (see IpAllocator), so at most this long, not dnsmasq's default hour. A
     * running guest keeps its address all the same: the tiny AMI's udhcpc (-q) configures it once and never renews,
     * and labvisor never hands a live instance's address to another (its row and its host entry stay until it is
     * terminated); a guest that renews gets the same address again for its MAC.
     */
    static final int LEASE_MINUTES = NetworkSpec.DhcpHost.MIN_LEASE_MINUTES;

    private static final Logger log = LoggerFactory.getLogger(InstanceAddresses.class);
    private final LibvirtHost libvirt;
    private final VpcRepository repo;

    public InstanceAddresses(LibvirtHost libvirt, VpcRepository repo) {
        this.libvirt = libvirt;
        this.repo = repo;
    }

    public void lease(String network, String mac, Optional<String> ip) {
        ip.ifPresent(a -> libvirt.networks().addDhcpHost(network, host(mac, a)));
    }

    /** Removes the lease (best effort: the network may be gone) and frees the address. */
    public void release(String instanceId, String network, String mac, Optional<String> ip) {
        ip.ifPresent(a -> {
            try {
                libvirt.networks().removeDhcpHost(network, host(mac, a));
            } catch (RuntimeException e) {
                log.debug("no DHCP host {} {} on {} to remove: {}", mac, a, network, e.getMessage());
            }
        });
        repo.database().write(c -> IpAllocator.release(c, instanceId));
    }

    /** The static DHCP host of an instance's NIC. Pure. */
    static NetworkSpec.DhcpHost host(String mac, String ip) {
        return new NetworkSpec.DhcpHost(mac, ip, null, LEASE_MINUTES);
    }
}
