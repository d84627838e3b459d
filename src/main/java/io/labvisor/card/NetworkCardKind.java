package io.labvisor.card;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What serves a nitro instance's NIC. Where the host has {@code /dev/vhost-net}, the kernel's vhost-net worker is the
 * network card: it runs the virtqueues outside QEMU with no process of ours, on a libvirt tap that nwfilter and
 * bandwidth apply to. Without it, a DPDK vhost-user card process per instance (testpmd) does the same job.
 */
public enum NetworkCardKind {
    VHOST_NET("vhost-net"),
    VHOST_USER("vhost-user");

    public static final Path VHOST_NET_DEVICE = Path.of("/dev/vhost-net");

    private final String label;

    NetworkCardKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The choice and why, for logs, {@code labvisor accel} and explain. */
    public record Choice(NetworkCardKind kind, String reason) {
    }

    /**
     * @param override        {@code vhost-net}, {@code vhost-user} or empty/{@code auto} ({@code LABVISOR_NETWORK_CARD})
     * @param vhostNetPresent whether the host has the vhost-net device
     */
    public static Choice choose(Optional<String> override, boolean vhostNetPresent) {
        Optional<NetworkCardKind> forced = override.map(String::trim).filter(s -> !s.isEmpty() && !s.equals("auto"))
                .map(NetworkCardKind::parse);
        if (forced.isPresent()) {
            return new Choice(forced.get(), "set by LABVISOR_NETWORK_CARD=" + forced.get().label);
        }
        return vhostNetPresent
                ? new Choice(VHOST_NET, VHOST_NET_DEVICE + " exists: the kernel's vhost-net serves the NIC")
                : new Choice(VHOST_USER, VHOST_NET_DEVICE + " is absent: a DPDK vhost-user card process serves the NIC");
    }

    public static Choice forHost(Optional<String> override) {
        return choose(override, Files.exists(VHOST_NET_DEVICE));
    }

    public static NetworkCardKind parse(String value) {
        for (NetworkCardKind k : values()) {
            if (k.label.equals(value.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("LABVISOR_NETWORK_CARD must be vhost-net, vhost-user or auto, not '"
                + value + "'");
    }
}
