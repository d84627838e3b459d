package io.labvisor.virtxml;

import java.util.Optional;

/** An enum whose constants are written to XML as a fixed string (libvirt's spelling, not the Java name). */
public interface XmlEnum {
    /** The attribute or text value libvirt uses for this constant. */
    String xml();

    /** The constant of {@code type} spelled {@code value} in XML; an {@link XmlException} when none is. */
    static <E extends Enum<E> & XmlEnum> E fromXml(Class<E> type, String value) {
        return find(type, value).orElseThrow(
                () -> new XmlException("unknown " + type.getSimpleName() + " value '" + value + "'"));
    }

    /** The constant of {@code type} spelled {@code value} in XML, if there is one. */
    static <E extends Enum<E> & XmlEnum> Optional<E> find(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.xml().equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
