package io.labvisor.virt.fake;

import io.labvisor.virt.NwFilters;
import io.labvisor.virtxml.NwFilterSpec;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** nwfilters in memory, by name; defining one that exists replaces it. */
public final class FakeNwFilters implements NwFilters {
    private final FakeLibvirtHost host;
    private final Map<String, NwFilterSpec> filters = new TreeMap<>();

    FakeNwFilters(FakeLibvirtHost host) {
        this.host = host;
    }

    @Override
    public void define(NwFilterSpec spec) {
        synchronized (host) {
            host.enter(FakeCall.NWFILTER_DEFINE, "nwfilter.define " + spec.name());
            filters.put(spec.name(), spec);
        }
    }

    @Override
    public void undefine(String name) {
        synchronized (host) {
            if (filters.containsKey(name)) {
                host.enter(FakeCall.NWFILTER_UNDEFINE, "nwfilter.undefine " + name);
                filters.remove(name);
            }
        }
    }

    /** Names of the filters defined now. */
    public java.util.List<String> names() {
        synchronized (host) {
            return java.util.List.copyOf(filters.keySet());
        }
    }

    public Optional<NwFilterSpec> find(String name) {
        synchronized (host) {
            return Optional.ofNullable(filters.get(name));
        }
    }
}
