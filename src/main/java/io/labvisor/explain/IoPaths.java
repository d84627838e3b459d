package io.labvisor.explain;

import io.labvisor.compute.Instance;
import io.labvisor.console.GuestLine;
import io.labvisor.domain.Disk;
import io.labvisor.domain.DiskSource;
import io.labvisor.domain.DomainSpec;
import io.labvisor.domain.Interface;
import io.labvisor.domain.InterfaceSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an instance's disk and network I/O go, from the guest driver through QEMU to the host file or network,
 * read from the live domain definition and the guest's own report of its drivers.
 */
public final class IoPaths {
    private IoPaths() {
    }

    /** One device's path, as a list of hops. */
    public record Path(String device, String guestDriver, List<String> hops) {
        public String describe() {
            return device + " [" + guestDriver + "]: " + String.join(" -> ", hops);
        }
    }

    /**
     * A running network card as {@code explain} shows it.
     *
     * @param socket  its vhost-user socket (matched against the NIC's)
     * @param pid     its process, if it runs
     * @param tap     its tap in the namespace
     * @param bridge  the bridge the tap joins
     * @param network the libvirt network that owns the bridge
     * @param filter  the nwfilter bound to the tap (the instance's security groups), if any
     */
    public record NetworkCard(String socket, Optional<Long> pid, String tap, String bridge, String network,
                              Optional<String> filter) {
    }

    public static List<Path> of(Instance instance, DomainSpec live, List<GuestLine> guestLines, String netns) {
        return of(instance, live, guestLines, netns, List.of());
    }

    public static List<Path> of(Instance instance, DomainSpec live, List<GuestLine> guestLines, String netns,
                                List<NetworkCard> networkCards) {
        List<Path> out = new ArrayList<>();
        for (Disk d : live.disks()) {
            String driver = guestDriver(guestLines, "block", d.targetDev()).orElse("?");
            List<String> hops = new ArrayList<>();
            hops.add(switch (d.bus()) {
                case VIRTIO -> "virtio-blk device";
                case SATA -> "emulated AHCI/SATA controller (QEMU main loop)";
                case IDE -> "emulated IDE controller (QEMU main loop)";
                case SCSI -> "virtio-scsi controller";
            });
            if (d.source() instanceof DiskSource.File f) {
                hops.add("QEMU block layer in the QEMU process (" + d.format().xml() + ")");
                hops.add(f.path());
            } else if (d.source() instanceof DiskSource.VhostUser v) {
                hops.add("vhost-user socket " + v.socketPath());
                hops.add("storage card: the instance's own qemu-storage-daemon on the card CPUs (virtqueues, qcow2, "
                        + "write-through)");
                hops.add(storageCardTarget(d, v));
            } else if (d.source() instanceof DiskSource.Block b) {
                hops.add("host block device " + b.device());
            }
            out.add(new Path("disk " + d.targetDev(), driver, hops));
        }
        int n = 0;
        for (Interface nic : live.interfaces()) {
            String driver = guestLines.stream()
                    .filter(l -> l.kind().equals(GuestLine.DEV) && "net".equals(l.fields().get("kind"))
                            && nic.mac().equalsIgnoreCase(l.fields().getOrDefault("mac", "")))
                    .map(l -> l.fields().get("driver")).findFirst().orElse("?");
            List<String> hops = new ArrayList<>();
            hops.add(nic.model().xml() + " NIC " + nic.mac());
            if (nic.source() instanceof InterfaceSource.Network net) {
                hops.add(nic.driverName() == Interface.DriverName.VHOST ? "vhost-net kernel worker"
                        : "QEMU userspace network backend");
                hops.add("tap " + Optional.ofNullable(nic.targetDev()).orElse("(assigned at start)"));
                hops.add("libvirt network " + net.name() + " in netns " + netns);
                if (nic.bandwidth() != null) {
                    hops.add("tc on the tap: " + rate("in", nic.bandwidth().inbound()) + ", "
                            + rate("out", nic.bandwidth().outbound()) + " (the type's network bandwidth)");
                } else {
                    hops.add("(no bandwidth limit: defined before limits existed, or the host kernel lacks tc's"
                            + " htb/sfq/police)");
                }
                if (instance.ioProfile() == io.labvisor.compute.IoProfile.NITRO) {
                    hops.add("(nitro profile: no network card yet, so this NIC is still served inside QEMU)");
                }
            } else if (nic.source() instanceof InterfaceSource.VhostUser v) {
                hops.add("vhost-user socket " + v.socketPath());
                Optional<NetworkCard> card = networkCards.stream()
                        .filter(c -> c.socket().equals(v.socketPath())).findFirst();
                if (card.isPresent()) {
                    NetworkCard c = card.get();
                    hops.add("network card (DPDK testpmd, " + c.pid().map(pid -> "pid " + pid).orElse("not running")
                            + ", its forwarding thread busy-polling the card CPUs at low priority)");
                    hops.add("tap " + c.tap() + c.filter().map(f -> " (nwfilter binding " + f + ")").orElse(""));
                    hops.add("bridge " + c.bridge() + " (libvirt network " + c.network() + ") in netns " + netns);
                    hops.add("(no bandwidth limit: libvirt cannot shape a vhost-user NIC, and the card does not yet)");
                } else {
                    hops.add("network card process");
                }
            }
            out.add(new Path("nic eth" + n++, driver, hops));
        }
        return out;
    }

    private static String rate(String direction, io.labvisor.domain.Bandwidth.Rate r) {
        if (r == null) {
            return direction + " unlimited";
        }
        return direction + " " + r.average() + " KiB/s" + (r.peak() == null ? ""
                : " (peak " + r.peak() + " KiB/s, burst " + r.burst() + " KiB)");
    }

    /**
     * What the card serves behind a disk: the root volume's overlay on the AMI, or a data volume that the card
     * exported at attach time (its socket is named after it) behind a throttle group with its EBS limits.
     */
    private static String storageCardTarget(Disk d, DiskSource.VhostUser v) {
        String socket = java.nio.file.Path.of(v.socketPath()).getFileName().toString();
        String volumeId = socket.endsWith(".sock") ? socket.substring(0, socket.length() - ".sock".length()) : socket;
        return d.targetDev().equals("vda") ? "root volume " + volumeId + ": overlay and AMI backing file in the host "
                + "page cache"
                : "data volume " + volumeId + " (exported at attach over the card's QMP monitor), throttled to its EBS "
                + "limits by the card's throttle group, in the host page cache";
    }

    private static Optional<String> guestDriver(List<GuestLine> lines, String kind, String name) {
        return lines.stream()
                .filter(l -> l.kind().equals(GuestLine.DEV) && kind.equals(l.fields().get("kind"))
                        && name.equals(l.fields().get("name")))
                .map(l -> l.fields().get("driver")).findFirst();
    }
}
