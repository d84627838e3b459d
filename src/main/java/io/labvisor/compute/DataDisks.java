package io.labvisor.compute;

import io.labvisor.catalog.InstanceType;
import io.labvisor.domain.Disk;
import io.labvisor.domain.DiskSource;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.virtxml.DiskFormat;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeIoTune;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Where an attached data volume goes in the guest, and the libvirt disk that puts it there. Pure: the same disk is
 * hot-plugged by AttachVolume and planned again by every later start.
 */
public final class DataDisks {
    private static final Pattern DEVICE_NAME = Pattern.compile("/dev/(sd|xvd)[b-z]");

    private DataDisks() {
    }

    /** EC2's device names for EBS data volumes: /dev/sdb../dev/sdz or /dev/xvdb../dev/xvdz. */
    public static void checkDeviceName(String deviceName) {
        if (deviceName == null || !DEVICE_NAME.matcher(deviceName).matches()) {
            throw Ec2Exception.invalidParameter("Value (" + deviceName + ") for parameter device is invalid. "
                    + deviceName + " is not a valid EBS device name.");
        }
    }

    /**
     * The first free guest target: vd* (sd* for the emulated profile), after the root disk (a) and the instance
     * store (b) of types that have one; the EC2 device name is only a label, as on Nitro.
     */
    public static String nextTarget(IoProfile profile, boolean hasInstanceStore, Collection<String> used) {
        String prefix = profile == IoProfile.EMULATED ? "sd" : "vd";
        for (char c = hasInstanceStore ? 'c' : 'b'; c <= 'z'; c++) {
            String target = prefix + c;
            if (!used.contains(target)) {
                return target;
            }
        }
        throw Ec2Exception.invalidParameter("no free disk slot left on this instance");
    }

    /** The disk of an attached data volume: its qcow2 file, throttled to its EBS performance on this type. */
    public static Disk disk(Volume v, IoProfile profile, InstanceType type) {
        boolean emulated = profile == IoProfile.EMULATED;
        return Disk.builder(new DiskSource.File(v.path()), v.targetDev().orElseThrow())
                .format(DiskFormat.QCOW2)
                .bus(emulated ? Disk.Bus.SATA : Disk.Bus.VIRTIO)
                .serial(v.volumeId().replace("-", ""))
                .ioTune(VolumeIoTune.of(v.performance(), type))
                .alias(alias(v.volumeId()))
                .build();
    }

    /**
     * The disk of a data volume of a nitro instance: the storage card's vhost-user-blk export of it on
     * {@code cardSocket}, reconnecting like the root disk. No serial or iotune: libvirt refuses both on vhost-user
     * disks (the back end owns them), so the card throttles the volume itself ({@link InstanceCards#spec}).
     */
    public static Disk cardDisk(Volume v, String cardSocket) {
        return Disk.builder(new DiskSource.VhostUser(cardSocket, DomainPlanner.CARD_RECONNECT_SECONDS),
                        v.targetDev().orElseThrow())
                .alias(alias(v.volumeId()))
                .build();
    }

    public static String alias(String volumeId) {
        return "ua-" + volumeId;
    }
}
