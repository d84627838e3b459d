package io.labvisor.virt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

import java.util.ArrayList;
import java.util.List;

/**
 * The unexpired DHCP leases of a network, as libvirt knows them (virNetworkGetDHCPLeases, which libvirt-java 0.5.2
 * lacks; bound with JNA). dnsmasq keeps a lease after its client is gone until it expires, and refuses a host's
 * configured address while another MAC holds a lease on it.
 */
final class DhcpLeases {
    /** virNetworkDHCPLease from libvirt-network.h; only the fields labvisor reads are public. */
    @Structure.FieldOrder({"iface", "expirytime", "type", "mac", "iaid", "ipaddr", "prefix", "hostname", "clientid"})
    public static final class Lease extends Structure {
        public String iface;
        public long expirytime;
        public int type;
        public String mac;
        public String iaid;
        public String ipaddr;
        public int prefix;
        public String hostname;
        public String clientid;

        public Lease(Pointer p) {
            super(p);
            read();
        }
    }

    interface Lib extends Library {
        int virNetworkGetDHCPLeases(Pointer network, String mac, PointerByReference leases, int flags);

        void virNetworkDHCPLeaseFree(Pointer lease);

        String virGetLastErrorMessage();
    }

    private static final Lib LIB = Native.load("virt", Lib.class);

    private DhcpLeases() {
    }

    static List<Networks.Lease> of(Connect connect, String name) {
        try {
            Pointer network = NativeNetwork.pointer(connect.networkLookupByName(name));
            PointerByReference array = new PointerByReference();
            int n = LIB.virNetworkGetDHCPLeases(network, null, array, 0);
            if (n < 0) {
                throw new IllegalStateException("reading the DHCP leases of network " + name + " failed: "
                        + LIB.virGetLastErrorMessage());
            }
            List<Networks.Lease> out = new ArrayList<>(n);
            Pointer leases = array.getValue();
            for (int i = 0; i < n; i++) {
                Pointer p = leases.getPointer((long) i * Native.POINTER_SIZE);
                Lease l = new Lease(p);
                out.add(new Networks.Lease(l.mac, l.ipaddr, l.expirytime));
                LIB.virNetworkDHCPLeaseFree(p);
            }
            if (leases != null) {
                Native.free(Pointer.nativeValue(leases)); // the array itself, malloc'ed by libvirt
            }
            return out;
        } catch (LibvirtException e) {
            throw new VirtException("reading the DHCP leases of network " + name + " failed", e);
        }
    }
}
