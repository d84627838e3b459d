package io.labvisor.virt;

import io.labvisor.virtxml.NwFilterBindingSpec;

import java.util.Optional;

/**
 * nwfilter bindings: a filter on a host device libvirt does not manage, such as the tap of a network card. libvirt
 * keeps a binding (and re-instantiates it when its filter is redefined) until it is deleted, across libvirtd restarts.
 */
public interface NwFilterBindings {

    /** Binds the filter to its port device, replacing a binding left on that device (a tap recreated by name). */
    void replace(NwFilterBindingSpec spec);

    /** Binds the filter unless the same binding is in place already. */
    void ensure(NwFilterBindingSpec spec);

    /** The binding on {@code portdev}, if there is one. */
    Optional<NwFilterBindingSpec> find(String portdev);

    /** Deletes the binding on {@code portdev}; none is fine. */
    void deleteIfExists(String portdev);
}
