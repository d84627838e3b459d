package io.labvisor.virt.fake;

import io.labvisor.virt.Networks;
import io.labvisor.virt.VirtException;
import io.labvisor.virtxml.NetworkSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Networks in memory: definitions and their static DHCP hosts. As libvirt's network update does, a host whose MAC
 * or address is taken already is refused, and removing one that is not there fails.
 */
public final class FakeNetworks implements Networks {
    private final FakeLibvirtHost host;
    private final Map<String, NetworkSpec> networks = new LinkedHashMap<>();
    private final Map<String, List<Lease>> leases = new LinkedHashMap<>();

    FakeNetworks(FakeLibvirtHost host) {
        this.host = host;
    }

    @Override
    public void ensureNetwork(String name, String networkXml) {
        synchronized (host) {
            if (!networks.containsKey(name)) {
                host.enter(FakeCall.NETWORK_ENSURE, "network.define " + name);
                networks.put(name, NetworkSpec.parse(networkXml));
            }
        }
    }

    @Override
    public void redefine(String name, String networkXml) {
        synchronized (host) {
            host.enter(FakeCall.NETWORK_ENSURE, "network.redefine " + name);
            networks.put(name, NetworkSpec.parse(networkXml));
        }
    }

    @Override
    public void remove(String name) {
        synchronized (host) {
            if (networks.remove(name) != null) {
                host.enter(FakeCall.NETWORK_ENSURE, "network.remove " + name);
            }
        }
    }

    @Override
    public void addDhcpHost(String name, NetworkSpec.DhcpHost dhcpHost) {
        synchronized (host) {
            host.enter(FakeCall.NETWORK_ADD_DHCP_HOST, "network.addDhcpHost " + name + " " + dhcpHost.ip());
            NetworkSpec net = require(name);
            if (net.dhcpHosts().stream().anyMatch(h -> h.mac().equalsIgnoreCase(dhcpHost.mac())
                    || h.ip().equals(dhcpHost.ip()))) {
                throw new VirtException("there is an existing dhcp host entry in network '" + name
                        + "' that matches \"<host mac='" + dhcpHost.mac() + "' ip='" + dhcpHost.ip() + "'/>\"");
            }
            networks.put(name, net.toBuilder().addDhcpHost(dhcpHost).build());
        }
    }

    @Override
    public void removeDhcpHost(String name, NetworkSpec.DhcpHost dhcpHost) {
        synchronized (host) {
            NetworkSpec net = require(name);
            List<NetworkSpec.DhcpHost> kept = new ArrayList<>(net.dhcpHosts());
            if (!kept.removeIf(h -> h.mac().equalsIgnoreCase(dhcpHost.mac()) && h.ip().equals(dhcpHost.ip()))) {
                throw new VirtException("couldn't locate a matching dhcp host entry in network '" + name + "'");
            }
            host.enter(FakeCall.NETWORK_ADD_DHCP_HOST, "network.removeDhcpHost " + name + " " + dhcpHost.ip());
            networks.put(name, new NetworkSpec(net.name(), net.uuid(), net.bridgeName(), net.stp(), net.delay(),
                    net.mtu(), net.mac(), net.ipv4(), net.dhcpRange(), kept));
        }
    }

    @Override
    public List<Lease> leases(String name) {
        synchronized (host) {
            return networks.containsKey(name) ? List.copyOf(leases.getOrDefault(name, List.of())) : List.of();
        }
    }

    @Override
    public String bridgeOf(String name) {
        synchronized (host) {
            return require(name).bridgeName();
        }
    }

    @Override
    public Optional<String> xml(String name) {
        synchronized (host) {
            return Optional.ofNullable(networks.get(name)).map(NetworkSpec::toXml);
        }
    }

    /** dnsmasq's leases of the network, as a test wants them (a guest that took a dynamic address, say). */
    public void setLeases(String name, List<Lease> current) {
        synchronized (host) {
            leases.put(name, List.copyOf(current));
        }
    }

    /** The network's static DHCP hosts. */
    public List<NetworkSpec.DhcpHost> dhcpHosts(String name) {
        synchronized (host) {
            return require(name).dhcpHosts();
        }
    }

    private NetworkSpec require(String name) {
        NetworkSpec net = networks.get(name);
        if (net == null) {
            throw new VirtException("Network not found: no network with matching name '" + name + "'");
        }
        return net;
    }
}
