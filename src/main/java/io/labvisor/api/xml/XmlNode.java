package io.labvisor.api.xml;

import org.w3c.dom.Element;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * An element of a response being built. Children take their parent's namespace, values go through the DOM
 * (which escapes them), and characters XML cannot carry at all are replaced, so no value can break the document.
 */
public final class XmlNode {
    /** EC2's timestamp spelling, e.g. {@code 2016-11-15T10:00:00.000Z}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Element element;

    XmlNode(Element element) {
        this.element = element;
    }

    Element element() {
        return element;
    }

    /** Appends an empty child element and returns it. */
    public XmlNode child(String name) {
        Element child = element.getOwnerDocument().createElementNS(element.getNamespaceURI(), name);
        element.appendChild(child);
        return new XmlNode(child);
    }

    /** Appends {@code <item>}, the element EC2 wraps each list member in. */
    public XmlNode item() {
        return child("item");
    }

    /** Appends {@code <name>value</name>} and returns this node, for chaining. */
    public XmlNode text(String name, Object value) {
        child(name).setText(value);
        return this;
    }

    /** Like {@link #text} when the value is present; nothing otherwise. */
    public XmlNode textIfPresent(String name, Optional<?> value) {
        value.ifPresent(v -> text(name, v));
        return this;
    }

    public XmlNode setText(Object value) {
        String s = value instanceof Instant t ? TIME.format(t) : String.valueOf(value);
        element.setTextContent(xmlSafe(s));
        return this;
    }

    /** Replaces characters XML 1.0 cannot represent, not even escaped, with U+FFFD. */
    static String xmlSafe(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            if (!allowed) {
                if (out == null) {
                    out = new StringBuilder(value.substring(0, i));
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }
}
