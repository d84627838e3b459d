package io.labvisor.virt;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import org.libvirt.Network;

import java.lang.reflect.Field;

/**
 * The native {@code virNetworkPtr} behind a libvirt-java {@link Network}, for the calls libvirt-java 0.5.2 lacks
 * (bound with JNA): libvirt-java keeps it in a package-private field.
 */
final class NativeNetwork {
    private NativeNetwork() {
    }

    static Pointer pointer(Network network) {
        try {
            Field field = Network.class.getDeclaredField("vnp");
            field.setAccessible(true);
            return ((PointerType) field.get(network)).getPointer();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("libvirt-java's Network has no native pointer field", e);
        }
    }
}
