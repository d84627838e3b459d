package io.labvisor.card;

import io.labvisor.virtxml.NwFilterBindingSpec;

import java.util.function.Consumer;

/**
 * Guards network cards' taps with the guests' packet filters (libvirt nwfilter bindings: libvirt filters only
 * the taps of its own interfaces, and a card's tap is the card's). The card makes sure of its binding each time it
 * starts, before its tap joins the bridge, and unbinds it when it stops for good.
 */
public interface TapFilters {
    /** Applies {@code binding}, replacing a different one bound to its device before (an unchanged one stays). */
    void bind(NwFilterBindingSpec binding);

    /** Removes the binding of {@code tap}, if any. */
    void unbind(String tap);

    static TapFilters of(Consumer<NwFilterBindingSpec> bind, Consumer<String> unbind) {
        return new TapFilters() {
            @Override
            public void bind(NwFilterBindingSpec binding) {
                bind.accept(binding);
            }

            @Override
            public void unbind(String tap) {
                unbind.accept(tap);
            }
        };
    }

}
