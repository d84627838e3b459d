package io.labvisor.virt;

import io.labvisor.virtxml.NwFilterSpec;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * nwfilter calls. Defining a filter that exists replaces it, and libvirt re-instantiates it on every running NIC
 * that uses it (directly or through a filterref): that is how rule changes reach running instances.
 */
final class LibvirtNwFilters implements NwFilters {
    private static final Object DEFINE_LOCK = new Object();
    private final Connect connect;

    LibvirtNwFilters(Connect connect) {
        this.connect = connect;
    }

    /**
     * Defines or replaces the filter, keeping the UUID of the definition it replaces. Launches run concurrently and
     * may define the same group's filter at once: libvirt refuses a second definition without the first's UUID, so
     * definitions are serialised in this JVM, and a loser from another process retries with the winner's UUID.
     */
    public void define(NwFilterSpec spec) {
        synchronized (DEFINE_LOCK) {
            for (int attempt = 1; ; attempt++) {
                try {
                    String xml = spec.toXml();
                    if (java.util.Arrays.asList(connect.listNetworkFilters()).contains(spec.name())) {
                        xml = spec.withUuid(connect.networkFilterLookupByName(spec.name()).getUUIDString()).toXml();
                    }
                    connect.networkFilterDefineXML(xml);
                    return;
                } catch (LibvirtException e) {
                    if (attempt == 3) {
                        throw new VirtException("defining nwfilter failed", e);
                    }
                }
            }
        }
    }

    /** Removes a filter; absent is fine. Fails while a NIC or another filter still uses it. */
    public void undefine(String name) {
        try {
            // libvirt-java 0.5.2 has no error number for a missing nwfilter: look before removing
            if (java.util.Arrays.asList(connect.listNetworkFilters()).contains(name)) {
                connect.networkFilterLookupByName(name).undefine();
            }
        } catch (LibvirtException e) {
            throw new VirtException("removing nwfilter " + name + " failed", e);
        }
    }
}
