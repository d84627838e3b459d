package io.labvisor.domain;

import io.labvisor.virtxml.Xml;
import java.util.List;
import java.util.function.Consumer;
import org.w3c.dom.Element;

/** Writes and reads single elements, so each config object can be tested on its own, as in Nova's test_config. */
final class Fragments {
    private Fragments() {
    }

    /** What {@code writer} appends to an empty parent, as XML; the parent is dropped when it got one child. */
    static String write(Consumer<Element> writer) {
        Element parent = Xml.newRoot("parent");
        writer.accept(parent);
        List<Element> written = Xml.children(parent);
        return Xml.toXmlString(written.size() == 1 ? written.get(0) : parent);
    }

    /** The root element of {@code xml}. */
    static Element element(String xml) {
        return Xml.parse(xml);
    }
}
