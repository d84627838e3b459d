package io.labvisor.virtxml;

import org.w3c.dom.Element;

/**
 * A file volume in a directory pool, optionally a copy-on-write overlay over a backing image.
 *
 * @param name            volume (file) name (required)
 * @param capacityBytes   virtual size (required, positive)
 * @param allocationBytes optional space to allocate up front; 0 makes a sparse file
 * @param format          target format (required)
 * @param backingPath     optional absolute path of the backing image; only a qcow2 volume can have one
 * @param backingFormat   format of the backing image; required with {@code backingPath}, so it is never probed
 */
public record StorageVolumeSpec(String name, long capacityBytes, Long allocationBytes, DiskFormat format,
        String backingPath, DiskFormat backingFormat) {

    public StorageVolumeSpec {
        Require.objectName(name, "volume name");
        Require.positive(capacityBytes, "volume capacity");
        if (allocationBytes != null) {
            Require.nonNegative(allocationBytes, "volume allocation");
        }
        Require.present(format, "volume format");
        if ((backingPath == null) != (backingFormat == null)) {
            throw new IllegalArgumentException("a backing store needs both its path and its format");
        }
        if (backingPath != null) {
            Require.absolutePath(backingPath, "backing store path");
            if (format != DiskFormat.QCOW2) {
                throw new IllegalArgumentException("only a qcow2 volume can have a backing store");
            }
        }
    }

    /** A volume without a backing store. */
    public static StorageVolumeSpec of(String name, long capacityBytes, DiskFormat format) {
        return new StorageVolumeSpec(name, capacityBytes, null, format, null, null);
    }

    /** A qcow2 overlay of {@code backingPath}, which holds an image of {@code backingFormat}. */
    public static StorageVolumeSpec overlay(String name, long capacityBytes, String backingPath,
            DiskFormat backingFormat) {
        return new StorageVolumeSpec(name, capacityBytes, null, DiskFormat.QCOW2, backingPath, backingFormat);
    }

    /** The volume's XML, as {@code virStorageVolCreateXML} takes it. */
    public String toXml() {
        Element volume = Xml.newRoot("volume");
        Xml.setAttr(volume, "type", "file");
        Xml.addText(volume, "name", name);
        Xml.setAttr(Xml.addText(volume, "capacity", capacityBytes), "unit", "bytes");
        if (allocationBytes != null) {
            Xml.setAttr(Xml.addText(volume, "allocation", allocationBytes), "unit", "bytes");
        }
        Xml.setAttr(Xml.addChild(Xml.addChild(volume, "target"), "format"), "type", format);
        if (backingPath != null) {
            Element backing = Xml.addChild(volume, "backingStore");
            Xml.addText(backing, "path", backingPath);
            Xml.setAttr(Xml.addChild(backing, "format"), "type", backingFormat);
        }
        return Xml.toXmlString(volume);
    }

    /** Reads volume XML, including {@code virStorageVolGetXMLDesc}'s (key, physical size, target path, ...). */
    public static StorageVolumeSpec parse(String xml) {
        Element volume = Xml.parseRoot(xml, "volume");
        String name = Xml.childText(volume, "name").orElseThrow(() -> new XmlException("volume has no name"));
        long capacity = bytes(Xml.requiredChild(volume, "capacity"));
        Long allocation = Xml.child(volume, "allocation").map(StorageVolumeSpec::bytes).orElse(null);
        DiskFormat format = formatOf(Xml.requiredChild(volume, "target"));
        String backingPath = null;
        DiskFormat backingFormat = null;
        Element backing = Xml.child(volume, "backingStore").orElse(null);
        if (backing != null && Xml.child(backing, "path").isPresent()) {
            backingPath = Xml.childText(backing, "path").orElseThrow();
            backingFormat = formatOf(backing);
        }
        return new StorageVolumeSpec(name, capacity, allocation, format, backingPath, backingFormat);
    }

    private static long bytes(Element size) {
        return Units.toBytes(Xml.toLong(Xml.text(size), size.getTagName()), Xml.attr(size, "unit").orElse(null),
                "bytes");
    }

    private static DiskFormat formatOf(Element parent) {
        Element format = Xml.requiredChild(parent, "format");
        return XmlEnum.fromXml(DiskFormat.class, Xml.requiredAttr(format, "type"));
    }
}
