package io.labvisor.virtxml;

import org.w3c.dom.Element;

/**
 * A directory storage pool: volumes are files in {@code targetPath}.
 *
 * @param name       pool name (required)
 * @param targetPath absolute directory (required)
 * @param mode       optional permission bits of the directory, e.g. {@code 0711} (a Java octal literal)
 */
public record StoragePoolSpec(String name, String targetPath, Integer mode) {

    public StoragePoolSpec {
        Require.objectName(name, "pool name");
        Require.absolutePath(targetPath, "pool target path");
        if (mode != null && (mode < 0 || mode > 07777)) {
            throw new IllegalArgumentException("pool mode must be 0..07777 (octal): " + Integer.toOctalString(mode));
        }
    }

    /** A pool without explicit permissions (libvirt's default mode applies). */
    public StoragePoolSpec(String name, String targetPath) {
        this(name, targetPath, null);
    }

    /** The pool's XML, as {@code virStoragePoolDefineXML} takes it. */
    public String toXml() {
        Element pool = Xml.newRoot("pool");
        Xml.setAttr(pool, "type", "dir");
        Xml.addText(pool, "name", name);
        Element target = Xml.addChild(pool, "target");
        Xml.addText(target, "path", targetPath);
        if (mode != null) {
            Xml.addText(Xml.addChild(target, "permissions"), "mode", String.format("%04o", mode));
        }
        return Xml.toXmlString(pool);
    }

    /** Reads pool XML, ignoring what libvirt adds (uuid, capacity, owner, ...); only {@code dir} pools are accepted. */
    public static StoragePoolSpec parse(String xml) {
        Element pool = Xml.parseRoot(xml, "pool");
        String type = Xml.requiredAttr(pool, "type");
        if (!type.equals("dir")) {
            throw new XmlException("pool type '" + type + "' is not 'dir'");
        }
        Element target = Xml.requiredChild(pool, "target");
        Integer mode = Xml.child(target, "permissions")
                .flatMap(permissions -> Xml.childText(permissions, "mode"))
                .map(StoragePoolSpec::octal)
                .orElse(null);
        String name = Xml.childText(pool, "name").orElseThrow(() -> new XmlException("pool has no name"));
        String path = Xml.childText(target, "path").orElseThrow(() -> new XmlException("pool has no target path"));
        return new StoragePoolSpec(name, path, mode);
    }

    private static int octal(String mode) {
        try {
            return Integer.parseInt(mode.strip(), 8);
        } catch (NumberFormatException e) {
            throw new XmlException("pool mode is not octal: '" + mode + "'", e);
        }
    }
}
