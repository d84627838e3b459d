package io.labvisor.virt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import io.labvisor.virtxml.NwFilterBindingSpec;
import org.libvirt.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.Optional;

/**
 * nwfilter bindings: a filter on a host device libvirt does not manage, such as the tap of a network card. libvirt
 * keeps a binding (and re-instantiates it when its filter is redefined) until it is deleted, across libvirtd restarts.
 * libvirt-java 0.5.2 has no binding API, so this binds the C functions with JNA and takes the connection's native
 * pointer from libvirt-java's protected field, as {@link DhcpHostUpdate} does for networks.
 */
final class LibvirtNwFilterBindings implements NwFilterBindings {
    private static final Logger log = LoggerFactory.getLogger(NwFilterBindings.class);

    interface Lib extends Library {
        Pointer virNWFilterBindingCreateXML(Pointer conn, String xml, int flags);

        Pointer virNWFilterBindingLookupByPortDev(Pointer conn, String portdev);

        Pointer virNWFilterBindingGetXMLDesc(Pointer binding, int flags);

        int virNWFilterBindingDelete(Pointer binding);

        int virNWFilterBindingFree(Pointer binding);

        String virGetLastErrorMessage();
    }

    private static final Lib LIB = Native.load("virt", Lib.class);

    private final Connect connect;

    LibvirtNwFilterBindings(Connect connect) {
        this.connect = connect;
    }

    /** Binds the filter to its port device, replacing a binding left on that device (a tap recreated by name). */
    public void replace(NwFilterBindingSpec spec) {
        deleteIfExists(spec.portdev());
        Pointer binding = LIB.virNWFilterBindingCreateXML(connection(), spec.toXml(), 0);
        if (binding == null) {
            throw new IllegalStateException("binding nwfilter " + spec.filter().filter() + " to " + spec.portdev()
                    + " failed: " + LIB.virGetLastErrorMessage());
        }
        LIB.virNWFilterBindingFree(binding);
        log.debug("nwfilter {} bound to {}", spec.filter().filter(), spec.portdev());
    }

    /**
     * Binds the filter unless the same binding is in place already. A binding outlives its tap (libvirt's rules
     * name the device), so a card restarted with the same tap is filtered from its tap's first packet; replacing
     * it would cost a second or more of libvirtd rebuilding the host's firewall rules.
     */
    public void ensure(NwFilterBindingSpec spec) {
        if (find(spec.portdev()).filter(spec::isAppliedAs).isPresent()) {
            log.debug("nwfilter {} already bound to {}", spec.filter().filter(), spec.portdev());
            return;
        }
        replace(spec);
    }

    /** The binding on {@code portdev}, if there is one. */
    public Optional<NwFilterBindingSpec> find(String portdev) {
        Pointer binding = LIB.virNWFilterBindingLookupByPortDev(connection(), portdev);
        if (binding == null) {
            return Optional.empty();
        }
        try {
            Pointer xml = LIB.virNWFilterBindingGetXMLDesc(binding, 0);
            if (xml == null) {
                throw new IllegalStateException("reading the nwfilter binding of " + portdev + " failed: "
                        + LIB.virGetLastErrorMessage());
            }
            try {
                return Optional.of(NwFilterBindingSpec.parse(xml.getString(0)));
            } finally {
                Native.free(Pointer.nativeValue(xml));
            }
        } finally {
            LIB.virNWFilterBindingFree(binding);
        }
    }

    /** Deletes the binding on {@code portdev}; none is fine (lookup fails with "no nwfilter binding"). */
    public void deleteIfExists(String portdev) {
        Pointer binding = LIB.virNWFilterBindingLookupByPortDev(connection(), portdev);
        if (binding == null) {
            return;
        }
        try {
            if (LIB.virNWFilterBindingDelete(binding) < 0) {
                throw new IllegalStateException("deleting the nwfilter binding of " + portdev + " failed: "
                        + LIB.virGetLastErrorMessage());
            }
            log.debug("nwfilter binding of {} deleted", portdev);
        } finally {
            LIB.virNWFilterBindingFree(binding);
        }
    }

    private Pointer connection() {
        try {
            Field field = Connect.class.getDeclaredField("vcp");
            field.setAccessible(true);
            return ((PointerType) field.get(connect)).getPointer();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("libvirt-java's Connect has no native pointer field", e);
        }
    }
}
