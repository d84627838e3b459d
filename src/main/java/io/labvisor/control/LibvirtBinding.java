package io.labvisor.control;

import io.labvisor.store.Settings;

/**
 * A state belongs to the libvirt it was made on. Opened against another one (another URI, another host) its
 * instances' domains are all missing there, and reconciling would terminate every one of them; so the first open
 * records which libvirt this is, and a later open against another is refused before anything is reconciled.
 */
public final class LibvirtBinding {
    static final String KEY = "libvirt-binding";

    private LibvirtBinding() {
    }

    /** Records {@code uri} on {@code hostname} as this state's libvirt, or checks that it is the recorded one. */
    public static void bind(Settings settings, String uri, String hostname) {
        String identity = uri + " on " + hostname;
        String recorded = settings.get(KEY).orElse(null);
        if (recorded == null) {
            settings.put(KEY, identity);
        } else if (!recorded.equals(identity)) {
            throw new IllegalStateException("this labvisor state belongs to libvirt " + recorded + ", not " + identity
                    + ": its instances' domains are there. Point LABVISOR_LIBVIRT_URI at that libvirt, or use "
                    + "another LABVISOR_HOME for this one");
        }
    }
}
