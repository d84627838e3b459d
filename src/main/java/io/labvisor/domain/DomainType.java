package io.labvisor.domain;

import io.labvisor.virtxml.XmlEnum;

/** The libvirt domain type: {@code kvm} (hardware virtualisation) or {@code qemu} (TCG emulation). */
public enum DomainType implements XmlEnum {
    KVM("kvm"),
    QEMU("qemu");

    private final String xml;

    DomainType(String xml) {
        this.xml = xml;
    }

    @Override
    public String xml() {
        return xml;
    }
}
