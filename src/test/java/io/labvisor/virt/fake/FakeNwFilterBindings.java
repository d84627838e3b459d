package io.labvisor.virt.fake;

import io.labvisor.virt.NwFilterBindings;
import io.labvisor.virtxml.NwFilterBindingSpec;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** nwfilter bindings in memory, by port device. */
public final class FakeNwFilterBindings implements NwFilterBindings {
    private final FakeLibvirtHost host;
    private final Map<String, NwFilterBindingSpec> bindings = new TreeMap<>();

    FakeNwFilterBindings(FakeLibvirtHost host) {
        this.host = host;
    }

    @Override
    public void replace(NwFilterBindingSpec spec) {
        synchronized (host) {
            host.enter(FakeCall.NWFILTER_DEFINE, "nwfilterBinding.create " + spec.portdev());
            bindings.put(spec.portdev(), spec);
        }
    }

    @Override
    public void ensure(NwFilterBindingSpec spec) {
        synchronized (host) {
            if (find(spec.portdev()).filter(spec::isAppliedAs).isEmpty()) {
                replace(spec);
            }
        }
    }

    @Override
    public Optional<NwFilterBindingSpec> find(String portdev) {
        synchronized (host) {
            return Optional.ofNullable(bindings.get(portdev));
        }
    }

    @Override
    public void deleteIfExists(String portdev) {
        synchronized (host) {
            bindings.remove(portdev);
        }
    }
}
