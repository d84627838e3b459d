package io.labvisor.domain;

import io.labvisor.virtxml.XmlEnum;

/** What libvirt does when the guest powers off, reboots or crashes. */
public enum LifecycleAction implements XmlEnum {
    DESTROY("destroy"),
    RESTART("restart"),
    PRESERVE("preserve");

    private final String xml;

    LifecycleAction(String xml) {
        this.xml = xml;
    }

    @Override
    public String xml() {
        return xml;
    }
}
