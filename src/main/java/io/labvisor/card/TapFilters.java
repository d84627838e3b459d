package io.labvisor.card;

import io.labvisor.virtxml.NwFilterBindingSpec;

import java.util.function.Consumer;

/**
 * Guards network cards' taps with the guests' packet filters (libvirt nwfilter bindings: libvirt filters only
 * the taps of its own interfaces, and a card's tap is the card's). The card binds its filter each time it starts,
 * since a restarted card creates its tap afresh, and unbinds it when it stops for good.
 */
public interface TapFilters {
    /** Applies {@code binding}, replacing whatever was bound to its device before. */
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
