package io.labvisor.net;

import io.labvisor.virt.LibvirtSession;
import io.labvisor.virtxml.NetworkSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Hands an instance's allocated private address to it through its subnet's DHCP (a static lease for its MAC) and
 * takes it back at termination.
 */
public final class InstanceAddresses {
    private static final Logger log = LoggerFactory.getLogger(InstanceAddresses.class);
    private final LibvirtSession libvirt;
    private final VpcRepository repo;

    public InstanceAddresses(LibvirtSession libvirt, VpcRepository repo) {
        this.libvirt = libvirt;
        this.repo = repo;
    }

    public void lease(String network, String mac, Optional<String> ip) {
        ip.ifPresent(a -> libvirt.networks().addDhcpHost(network, new NetworkSpec.DhcpHost(mac, a, null)));
    }

    /** Removes the lease (best effort: the network may be gone) and frees the address. */
    public void release(String instanceId, String network, String mac, Optional<String> ip) {
        ip.ifPresent(a -> {
            try {
                libvirt.networks().removeDhcpHost(network, new NetworkSpec.DhcpHost(mac, a, null));
            } catch (RuntimeException e) {
                log.debug("no DHCP host {} {} on {} to remove: {}", mac, a, network, e.getMessage());
            }
        });
        repo.database().write(c -> IpAllocator.release(c, instanceId));
    }
}
