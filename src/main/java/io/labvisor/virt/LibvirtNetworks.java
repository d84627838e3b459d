package io.labvisor.virt;

import io.labvisor.virtxml.NetworkSpec;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

import java.util.Optional;

/** {@link Networks} over libvirt-java. */
final class LibvirtNetworks implements Networks {
    private final Connect connect;

    LibvirtNetworks(Connect connect) {
        this.connect = connect;
    }

    /** Makes sure the persistent network exists, runs and autostarts. */
    public void ensureNetwork(String name, String networkXml) {
        try {
            Network net;
            try {
                net = connect.networkLookupByName(name);
            } catch (LibvirtException e) {
                if (!VirtException.isNotFound(e)) {
                    throw e;
                }
                net = connect.networkDefineXML(networkXml);
            }
            if (net.isActive() != 1) {
                net.create();
            }
            if (!net.getAutostart()) {
                net.setAutostart(true);
            }
        } catch (LibvirtException e) {
            throw new VirtException("preparing network " + name + " failed", e);
        }
    }

    /** Replaces a network's definition: stops it, defines the new XML, starts it again. */
    public void redefine(String name, String networkXml) {
        try {
            Network old = connect.networkLookupByName(name);
            if (old.isActive() == 1) {
                old.destroy();
            }
            old.undefine();
        } catch (LibvirtException e) {
            if (!VirtException.isNotFound(e)) {
                throw new VirtException("removing network " + name + " failed", e);
            }
        }
        ensureNetwork(name, networkXml);
    }

    /** Stops and undefines a network; absent is fine. */
    public void remove(String name) {
        try {
            Network net = connect.networkLookupByName(name);
            if (net.isActive() == 1) {
                net.destroy();
            }
            net.undefine();
        } catch (LibvirtException e) {
            if (!VirtException.isNotFound(e)) {
                throw new VirtException("removing network " + name + " failed", e);
            }
        }
    }

    /** Adds a static DHCP lease to the running network and its persistent definition. */
    public void addDhcpHost(String name, NetworkSpec.DhcpHost host) {
        DhcpHostUpdate.add(connect, name, host.toXml());
    }

    /** The network's unexpired leases, including those of clients that are gone; empty when it is not running. */
    public java.util.List<Lease> leases(String name) {
        return xml(name).isEmpty() ? java.util.List.of() : DhcpLeases.of(connect, name);
    }

    public void removeDhcpHost(String name, NetworkSpec.DhcpHost host) {
        DhcpHostUpdate.delete(connect, name, host.toXml());
    }

    /** The bridge device of a network (inside labvisor's namespace). */
    public String bridgeOf(String name) {
        try {
            return connect.networkLookupByName(name).getBridgeName();
        } catch (LibvirtException e) {
            throw new VirtException("reading the bridge of network " + name + " failed", e);
        }
    }

    public Optional<String> xml(String name) {
        try {
            return Optional.of(connect.networkLookupByName(name).getXMLDesc(0));
        } catch (LibvirtException e) {
            if (VirtException.isNotFound(e)) {
                return Optional.empty();
            }
            throw new VirtException("reading network " + name + " failed", e);
        }
    }
}
