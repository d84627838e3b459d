package io.labvisor.virt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

/**
 * Adds and removes static DHCP hosts of a running network without restarting it (instances stay attached).
 * libvirt-java 0.5.2 has no virNetworkUpdate, so this binds that one C function with JNA and takes the network's
 * native pointer from libvirt-java's package-private field ({@link NativeNetwork}).
 */
final class DhcpHostUpdate {
    // virNetworkUpdateCommand / virNetworkUpdateSection / virNetworkUpdateFlags from libvirt-network.h
    private static final int COMMAND_DELETE = 2;
    private static final int COMMAND_ADD_LAST = 3;
    private static final int SECTION_IP_DHCP_HOST = 4;
    private static final int AFFECT_LIVE_AND_CONFIG = 1 | 2;

    interface Lib extends Library {
        int virNetworkUpdate(Pointer network, int command, int section, int parentIndex, String xml, int flags);

        String virGetLastErrorMessage();
    }

    private static final Lib LIB = Native.load("virt", Lib.class);

    private DhcpHostUpdate() {
    }

    static void add(Connect connect, String network, String hostXml) {
        update(connect, network, COMMAND_ADD_LAST, hostXml);
    }

    static void delete(Connect connect, String network, String hostXml) {
        update(connect, network, COMMAND_DELETE, hostXml);
    }

    private static void update(Connect connect, String name, int command, String hostXml) {
        try {
            Network network = connect.networkLookupByName(name);
            Pointer pointer = NativeNetwork.pointer(network);
            // -1: the first <ip> that has DHCP
            if (LIB.virNetworkUpdate(pointer, command, SECTION_IP_DHCP_HOST, -1, hostXml, AFFECT_LIVE_AND_CONFIG) < 0) {
                throw new IllegalStateException("updating DHCP hosts of network " + name + " failed: "
                        + LIB.virGetLastErrorMessage());
            }
        } catch (LibvirtException e) {
            throw new VirtException("updating DHCP hosts of network " + name + " failed", e);
        }
    }
}
