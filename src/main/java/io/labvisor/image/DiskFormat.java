package io.labvisor.image;

import io.labvisor.ec2.Ec2Exception;

import java.util.Locale;

/** Image file formats labvisor accepts. The format is always declared by the manifest, never probed. */
public enum DiskFormat {
    RAW, QCOW2;

    public String libvirtName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DiskFormat parse(String value) {
        for (DiskFormat f : values()) {
            if (f.libvirtName().equals(value)) {
                return f;
            }
        }
        throw Ec2Exception.invalidParameter("Unsupported image format '" + value + "': use raw or qcow2");
    }
}
