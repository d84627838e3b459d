package io.labvisor.domain;

import io.labvisor.virtxml.DiskFormat;
import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import io.labvisor.virtxml.XmlEnum;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * A disk or CD-ROM. The driver is always QEMU's and the image format is always stated, so QEMU never probes it.
 * Optional components are null when unset.
 *
 * @param source    where the data is; null only for an empty CD-ROM drive
 * @param device    disk or cdrom
 * @param format    image format ({@code <driver type>})
 * @param cache     optional cache mode
 * @param io        optional I/O mode
 * @param discard   optional discard handling
 * @param iothread  optional I/O thread (from 1) serving a virtio disk
 * @param targetDev guest-visible name hint, e.g. {@code vda}
 * @param bus       virtio, sata, ide or scsi
 * @param serial    optional serial the guest sees (e.g. the volume id)
 * @param readonly  read-only to the guest
 * @param bootOrder optional per-device boot order (from 1)
 * @param ioTune    optional throttling
 * @param alias     optional user alias, {@code ua-...}
 */
public record Disk(DiskSource source, Device device, DiskFormat format, Cache cache, Io io, Discard discard,
        Integer iothread, String targetDev, Bus bus, String serial, boolean readonly, Integer bootOrder,
        IoTune ioTune, String alias) {

    private static final Pattern TARGET_DEV = Pattern.compile("[a-z]+");
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9_.+\\- ]+");

    /** {@code <disk device='...'>}. */
    public enum Device implements XmlEnum {
        DISK("disk"),
        CDROM("cdrom");

        private final String xml;

        Device(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    /** {@code <target bus='...'>}. */
    public enum Bus implements XmlEnum {
        VIRTIO("virtio"),
        SATA("sata"),
        IDE("ide"),
        SCSI("scsi");

        private final String xml;

        Bus(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    /** {@code <driver cache='...'>}. */
    public enum Cache implements XmlEnum {
        DEFAULT("default"),
        NONE("none"),
        WRITETHROUGH("writethrough"),
        WRITEBACK("writeback"),
        DIRECTSYNC("directsync"),
        UNSAFE("unsafe");

        private final String xml;

        Cache(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    /** {@code <driver io='...'>}. */
    public enum Io implements XmlEnum {
        THREADS("threads"),
        NATIVE("native"),
        IO_URING("io_uring");

        private final String xml;

        Io(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    /** {@code <driver discard='...'>}. */
    public enum Discard implements XmlEnum {
        UNMAP("unmap"),
        IGNORE("ignore");

        private final String xml;

        Discard(String xml) {
            this.xml = xml;
        }

        @Override
        public String xml() {
            return xml;
        }
    }

    public Disk {
        Require.present(device, "disk device");
        Require.present(format, "disk format");
        Require.present(bus, "disk bus");
        Require.matches(targetDev, TARGET_DEV, "disk target dev");
        if (source == null && device != Device.CDROM) {
            throw new IllegalArgumentException("only a CD-ROM drive can be empty; " + targetDev + " has no source");
        }
        if (device == Device.CDROM && bus == Bus.VIRTIO) {
            throw new IllegalArgumentException("virtio cannot carry a CD-ROM (" + targetDev + ")");
        }
        if (serial != null) {
            Require.matches(serial, SERIAL, "disk serial");
        }
        if (bootOrder != null) {
            Require.positive(bootOrder, "disk boot order");
        }
        if (iothread != null) {
            Require.positive(iothread, "disk I/O thread");
            if (bus != Bus.VIRTIO) {
                throw new IllegalArgumentException("only virtio disks can use an I/O thread (" + targetDev + ")");
            }
        }
        if (io == Io.NATIVE && cache != Cache.NONE && cache != Cache.DIRECTSYNC) {
            // QEMU refuses aio=native on the page cache.
            throw new IllegalArgumentException("io native needs cache none or directsync (" + targetDev + ")");
        }
        UserAlias.check(alias);
        if (source instanceof DiskSource.VhostUser) {
            checkVhostUser(bus, device, cache, io, discard, iothread, serial, readonly, ioTune, targetDev);
        }
    }

    // What libvirt refuses for vhostuser disks (virDomainDiskVhostUserValidate): the back end owns all of it.
    private static void checkVhostUser(Bus bus, Device device, Cache cache, Io io, Discard discard, Integer iothread,
            String serial, boolean readonly, IoTune ioTune, String targetDev) {
        String unsupported = bus != Bus.VIRTIO ? "a bus other than virtio"
                : device != Device.DISK ? "device cdrom"
                : cache != null ? "cache"
                : io != null ? "io"
                : discard != null ? "discard"
                : iothread != null ? "iothread"
                : serial != null ? "serial"
                : readonly ? "readonly"
                : ioTune != null ? "iotune"
                : null;
        if (unsupported != null) {
            throw new IllegalArgumentException("vhost-user disk " + targetDev + " cannot have " + unsupported
                    + " (the back end provides it)");
        }
    }

    /** A builder for disk {@code targetDev} on {@code source}; virtio, raw and writable unless changed. */
    public static Builder builder(DiskSource source, String targetDev) {
        return new Builder().source(source).targetDev(targetDev);
    }

    public Builder toBuilder() {
        return new Builder().source(source).device(device).format(format).cache(cache).io(io).discard(discard)
                .iothread(iothread).targetDev(targetDev).bus(bus).serial(serial).readonly(readonly)
                .bootOrder(bootOrder).ioTune(ioTune).alias(alias);
    }

    void writeTo(Element devices) {
        Element disk = Xml.addChild(devices, "disk");
        Xml.setAttr(disk, "type", source == null ? "file" : source.diskType());
        Xml.setAttr(disk, "device", device);
        Element driver = Xml.setAttr(Xml.addChild(disk, "driver"), "name", "qemu");
        Xml.setAttr(driver, "type", format);
        Xml.setAttr(driver, "cache", cache);
        Xml.setAttr(driver, "io", io);
        Xml.setAttr(driver, "discard", discard);
        Xml.setAttr(driver, "iothread", iothread);
        writeSource(disk);
        Element target = Xml.setAttr(Xml.addChild(disk, "target"), "dev", targetDev);
        Xml.setAttr(target, "bus", bus);
        if (ioTune != null) {
            ioTune.writeTo(disk);
        }
        if (serial != null) {
            Xml.addText(disk, "serial", serial);
        }
        if (readonly) {
            Xml.addChild(disk, "readonly");
        }
        if (bootOrder != null) {
            Xml.setAttr(Xml.addChild(disk, "boot"), "order", bootOrder);
        }
        UserAlias.write(disk, alias);
    }

    private void writeSource(Element disk) {
        if (source instanceof DiskSource.File file) {
            Xml.setAttr(Xml.addChild(disk, "source"), "file", file.path());
        } else if (source instanceof DiskSource.Block block) {
            Xml.setAttr(Xml.addChild(disk, "source"), "dev", block.device());
        } else if (source instanceof DiskSource.VhostUser vhost) {
            Element element = Xml.setAttr(Xml.addChild(disk, "source"), "type", "unix");
            Xml.setAttr(element, "path", vhost.socketPath());
            if (vhost.reconnectSeconds() != null) {
                Element reconnect = Xml.setAttr(Xml.addChild(element, "reconnect"), "enabled", "yes");
                Xml.setAttr(reconnect, "timeout", vhost.reconnectSeconds());
            }
        }
    }

    /**
     * Reads a {@code <disk>}, including a live domain's (index, backing chain, address, libvirt aliases are
     * ignored). Empty for kinds not modelled here: network or volume sources, LUNs, floppies.
     */
    static Optional<Disk> parse(Element disk) {
        String type = Xml.attr(disk, "type").orElse("file");
        Optional<Device> device = XmlEnum.find(Device.class, Xml.attr(disk, "device").orElse("disk"));
        if (device.isEmpty() || !(type.equals("file") || type.equals("block") || type.equals("vhostuser"))) {
            return Optional.empty();
        }
        Builder b = new Builder().device(device.get());
        b.source(Xml.child(disk, "source").map(source -> readSource(type, source)).orElse(null));
        Xml.child(disk, "driver").ifPresent(driver -> {
            Xml.enumAttr(driver, "type", DiskFormat.class).ifPresent(b::format);
            Xml.enumAttr(driver, "cache", Cache.class).ifPresent(b::cache);
            Xml.enumAttr(driver, "io", Io.class).ifPresent(b::io);
            Xml.enumAttr(driver, "discard", Discard.class).ifPresent(b::discard);
            Xml.intAttr(driver, "iothread").ifPresent(b::iothread);
        });
        Element target = Xml.requiredChild(disk, "target");
        b.targetDev(Xml.requiredAttr(target, "dev"));
        Xml.enumAttr(target, "bus", Bus.class).ifPresent(b::bus);
        Xml.child(disk, "iotune").flatMap(IoTune::parse).ifPresent(b::ioTune);
        Xml.childText(disk, "serial").ifPresent(b::serial);
        b.readonly(Xml.child(disk, "readonly").isPresent());
        Xml.child(disk, "boot").flatMap(boot -> Xml.intAttr(boot, "order")).ifPresent(b::bootOrder);
        b.alias(UserAlias.read(disk));
        return Optional.of(b.build());
    }

    private static DiskSource readSource(String type, Element source) {
        return switch (type) {
            case "block" -> new DiskSource.Block(Xml.requiredAttr(source, "dev"));
            case "vhostuser" -> new DiskSource.VhostUser(Xml.requiredAttr(source, "path"),
                    Xml.child(source, "reconnect")
                            .filter(r -> Xml.attr(r, "enabled").map(e -> Xml.toBoolean(e, "reconnect")).orElse(false))
                            .flatMap(r -> Xml.intAttr(r, "timeout"))
                            .orElse(null));
            default -> new DiskSource.File(Xml.requiredAttr(source, "file"));
        };
    }

    /** Builder; defaults: device disk, format raw, bus virtio, writable, everything else unset. */
    public static final class Builder {
        private DiskSource source;
        private Device device = Device.DISK;
        private DiskFormat format = DiskFormat.RAW;
        private Cache cache;
        private Io io;
        private Discard discard;
        private Integer iothread;
        private String targetDev;
        private Bus bus = Bus.VIRTIO;
        private String serial;
        private boolean readonly;
        private Integer bootOrder;
        private IoTune ioTune;
        private String alias;

        private Builder() {
        }

        public Builder source(DiskSource source) {
            this.source = source;
            return this;
        }

        public Builder device(Device device) {
            this.device = device;
            return this;
        }

        public Builder format(DiskFormat format) {
            this.format = format;
            return this;
        }

        public Builder cache(Cache cache) {
            this.cache = cache;
            return this;
        }

        public Builder io(Io io) {
            this.io = io;
            return this;
        }

        public Builder discard(Discard discard) {
            this.discard = discard;
            return this;
        }

        public Builder iothread(Integer iothread) {
            this.iothread = iothread;
            return this;
        }

        public Builder targetDev(String targetDev) {
            this.targetDev = targetDev;
            return this;
        }

        public Builder bus(Bus bus) {
            this.bus = bus;
            return this;
        }

        public Builder serial(String serial) {
            this.serial = serial;
            return this;
        }

        public Builder readonly(boolean readonly) {
            this.readonly = readonly;
            return this;
        }

        public Builder bootOrder(Integer bootOrder) {
            this.bootOrder = bootOrder;
            return this;
        }

        public Builder ioTune(IoTune ioTune) {
            this.ioTune = ioTune;
            return this;
        }

        public Builder alias(String alias) {
            this.alias = alias;
            return this;
        }

        public Disk build() {
            return new Disk(source, device, format, cache, io, discard, iothread, targetDev, bus, serial, readonly,
                    bootOrder, ioTune, alias);
        }
    }
}
