package io.labvisor.domain;

import io.labvisor.virtxml.Require;
import io.labvisor.virtxml.Xml;
import io.labvisor.virtxml.XmlException;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * labvisor's record of an instance, kept in the domain's {@code <metadata>} so that the domain alone says what it
 * is. Written as {@code <labvisor:instance xmlns:labvisor="https://labvisor.dev/xmlns/instance/1">}; the same
 * element is what {@code virDomainSetMetadata} takes with {@link #PREFIX} and {@link #NAMESPACE}.
 *
 * @param instanceId   required, e.g. {@code i-0123456789abcdef0}
 * @param instanceType optional, e.g. {@code t3.micro}
 * @param imageId      optional, e.g. {@code ami-0123456789abcdef0}
 * @param ioProfile    optional name of the I/O offload profile
 * @param launchTime   optional ISO-8601 date-time, e.g. {@code 2024-05-01T12:00:00Z}
 * @param entries      further key/value pairs, in order
 */
public record LabvisorMetadata(String instanceId, String instanceType, String imageId, String ioProfile,
        String launchTime, List<Entry> entries) {

    public static final String NAMESPACE = "https://labvisor.dev/xmlns/instance/1";
    public static final String PREFIX = "labvisor";
    static final String ELEMENT = "instance";

    /** A free key/value pair. */
    public record Entry(String key, String value) {
        public Entry {
            Require.notBlank(key, "metadata key");
            Require.present(value, "metadata value for " + key);
        }
    }

    public LabvisorMetadata {
        Require.notBlank(instanceId, "instance id");
        if (launchTime != null) {
            try {
                DateTimeFormatter.ISO_DATE_TIME.parse(launchTime);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("launch time is not ISO-8601: " + launchTime, e);
            }
        }
        entries = List.copyOf(entries);
    }

    /** Metadata with only the instance id. */
    public static LabvisorMetadata of(String instanceId) {
        return new LabvisorMetadata(instanceId, null, null, null, null, List.of());
    }

    /** This element on its own, as {@code virDomainSetMetadata} takes it. */
    public String toXml() {
        Element holder = Xml.newRoot("metadata");
        writeTo(holder);
        return Xml.toXmlString(Xml.children(holder).get(0));
    }

    /** Parses the element on its own, as {@code virDomainGetMetadata} returns it. */
    public static LabvisorMetadata parse(String xml) {
        Element root = Xml.parse(xml);
        if (!isInstanceElement(root)) {
            throw new XmlException("not a labvisor instance element: <" + root.getTagName() + ">");
        }
        return parse(root);
    }

    void writeTo(Element metadata) {
        Element instance = Xml.addChild(metadata, NAMESPACE, PREFIX, ELEMENT);
        Xml.setText(Xml.addChildInParentNamespace(instance, "instanceId"), instanceId);
        writeOptional(instance, "instanceType", instanceType);
        writeOptional(instance, "imageId", imageId);
        writeOptional(instance, "ioProfile", ioProfile);
        writeOptional(instance, "launchTime", launchTime);
        for (Entry entry : entries) {
            Element element = Xml.addChildInParentNamespace(instance, "entry");
            Xml.setAttr(element, "key", entry.key());
            Xml.setText(element, entry.value());
        }
    }

    private static void writeOptional(Element instance, String name, String value) {
        if (value != null) {
            Xml.setText(Xml.addChildInParentNamespace(instance, name), value);
        }
    }

    static boolean isInstanceElement(Element element) {
        return NAMESPACE.equals(element.getNamespaceURI()) && ELEMENT.equals(element.getLocalName());
    }

    /** Our element among {@code <metadata>}'s children (matched by namespace; libvirt may change the prefix). */
    static Optional<LabvisorMetadata> parseFrom(Element metadata) {
        return Xml.children(metadata, NAMESPACE, ELEMENT).stream().findFirst().map(LabvisorMetadata::parse);
    }

    static LabvisorMetadata parse(Element instance) {
        return new LabvisorMetadata(
                text(instance, "instanceId").orElseThrow(() -> new XmlException("labvisor metadata has no instanceId")),
                text(instance, "instanceType").orElse(null),
                text(instance, "imageId").orElse(null),
                text(instance, "ioProfile").orElse(null),
                text(instance, "launchTime").orElse(null),
                Xml.children(instance, NAMESPACE, "entry").stream()
                        .map(e -> new Entry(Xml.requiredAttr(e, "key"), Xml.text(e)))
                        .toList());
    }

    private static Optional<String> text(Element instance, String name) {
        return Xml.children(instance, NAMESPACE, name).stream().findFirst().map(Xml::text);
    }
}
