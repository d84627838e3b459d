package io.labvisor.image;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.virtxml.DiskFormat;

/** Reads the format a manifest declares for a file; only raw and qcow2 are accepted. */
final class DeclaredFormat {
    private DeclaredFormat() {
    }

    static DiskFormat parse(String value) {
        for (DiskFormat f : DiskFormat.values()) {
            if (f.xml().equals(value)) {
                return f;
            }
        }
        throw Ec2Exception.invalidParameter("Unsupported image format '" + value + "': use raw or qcow2");
    }
}
