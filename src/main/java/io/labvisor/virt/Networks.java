package io.labvisor.virt;

import io.labvisor.virtxml.NetworkSpec;

import java.util.List;
import java.util.Optional;

/** Network calls. labvisor's networks are isolated (no forward element) and live in its network namespace. */
public interface Networks {

    /** A DHCP lease dnsmasq holds (dynamic or static), with its expiry in seconds since the epoch. */
    record Lease(String mac, String ip, long expiry) {
    }

    /** Makes sure the persistent network exists, runs and autostarts. */
    void ensureNetwork(String name, String networkXml);

    /** Replaces a network's definition: stops it, defines the new XML, starts it again. */
    void redefine(String name, String networkXml);

    /** Stops and undefines a network; absent is fine. */
    void remove(String name);

    /** Adds a static DHCP lease to the running network and its persistent definition. */
    void addDhcpHost(String name, NetworkSpec.DhcpHost host);

    void removeDhcpHost(String name, NetworkSpec.DhcpHost host);

    /** The network's unexpired leases, including those of clients that are gone; empty when it is not running. */
    List<Lease> leases(String name);

    /** The bridge device of a network (inside labvisor's namespace). */
    String bridgeOf(String name);

    Optional<String> xml(String name);
}
