package io.labvisor.virtxml;

/** Image formats labvisor uses, for volumes and for the disks that attach them. */
public enum DiskFormat implements XmlEnum {
    RAW("raw"),
    QCOW2("qcow2");

    private final String xml;

    DiskFormat(String xml) {
        this.xml = xml;
    }

    @Override
    public String xml() {
        return xml;
    }
}
