package io.labvisor.imds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The IPv4 neighbour table of the network namespace this process runs in ({@code /proc/net/arp} shows the reader's
 * namespace). Which MAC sent a packet from an address, on which bridge: two VPCs may use the same addresses, so an
 * address alone does not name an instance. Parsing is pure.
 */
final class NeighbourTable {
    private static final Path PROC_ARP = Path.of("/proc/net/arp");
    private static final int ATF_COM = 0x2; // the entry is complete: the MAC is known

    /** A complete neighbour entry. */
    record Entry(String ip, String mac, String device) {
    }

    private NeighbourTable() {
    }

    static List<Entry> read() throws IOException {
        return parse(Files.readString(PROC_ARP));
    }

    /** The complete entries for {@code ip}, one per device that has one. */
    static List<Entry> of(String ip) throws IOException {
        return read().stream().filter(e -> e.ip().equals(ip)).toList();
    }

    /** {@code IP address  HW type  Flags  HW address  Mask  Device}, after a header line. */
    static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 6) {
                continue;
            }
            int flags;
            try {
                flags = Integer.decode(f[2]);
            } catch (NumberFormatException e) {
                continue;
            }
            if ((flags & ATF_COM) != 0) {
                out.add(new Entry(f[0], f[3].toLowerCase(Locale.ROOT), f[5]));
            }
        }
        return out;
    }
}
