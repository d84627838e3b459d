package io.labvisor.virt;

import io.labvisor.virtxml.NwFilterSpec;

/**
 * nwfilter calls. Defining a filter that exists replaces it, and libvirt re-instantiates it on every running NIC
 * that uses it (directly or through a filterref): that is how rule changes reach running instances.
 */
public interface NwFilters {

    /** Defines or replaces the filter, keeping the UUID of the definition it replaces. */
    void define(NwFilterSpec spec);

    /** Removes a filter; absent is fine. Fails while a NIC or another filter still uses it. */
    void undefine(String name);
}
