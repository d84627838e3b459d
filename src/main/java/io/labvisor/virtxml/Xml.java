package io.labvisor.virtxml;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Small DOM helpers for writing and reading libvirt XML. Values always go through the DOM, which escapes them;
 * nothing here concatenates values into markup. Elements without a namespace are created and matched with the
 * namespace-aware DOM calls, so documents built here and documents parsed here behave the same.
 */
public final class Xml {
    private Xml() {
    }

    // ---- writing ----

    /** A new document whose root element is {@code name}; returns the root. */
    public static Element newRoot(String name) {
        Document doc = newBuilder().newDocument();
        Element root = doc.createElementNS(null, name);
        doc.appendChild(root);
        return root;
    }

    /** Appends an empty element {@code name} (no namespace) to {@code parent} and returns it. */
    public static Element addChild(Element parent, String name) {
        Element child = parent.getOwnerDocument().createElementNS(null, name);
        parent.appendChild(child);
        return child;
    }

    /** Appends {@code <prefix:name>} in {@code namespace}, declaring the prefix on the new element. */
    public static Element addChild(Element parent, String namespace, String prefix, String localName) {
        Element child = parent.getOwnerDocument().createElementNS(namespace, prefix + ":" + localName);
        child.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + prefix, namespace);
        parent.appendChild(child);
        return child;
    }

    /** Appends {@code localName} in the namespace and with the prefix of {@code parent} (declaration inherited). */
    public static Element addChildInParentNamespace(Element parent, String localName) {
        String prefix = parent.getPrefix();
        String qualified = prefix == null ? localName : prefix + ":" + localName;
        Element child = parent.getOwnerDocument().createElementNS(parent.getNamespaceURI(), qualified);
        parent.appendChild(child);
        return child;
    }

    /** Appends {@code <name>text</name>} and returns the new element. */
    public static Element addText(Element parent, String name, Object text) {
        Element child = addChild(parent, name);
        setText(child, text);
        return child;
    }

    /** Sets the text content of {@code element}. */
    public static Element setText(Element element, Object text) {
        element.setTextContent(checkChars(stringOf(text)));
        return element;
    }

    /** Sets attribute {@code name} unless {@code value} is null (optional attributes are simply left out). */
    public static Element setAttr(Element element, String name, Object value) {
        if (value != null) {
            element.setAttributeNS(null, name, checkChars(stringOf(value)));
        }
        return element;
    }

    // Enums are written in libvirt's spelling, everything else as its string form.
    private static String stringOf(Object value) {
        return value instanceof XmlEnum xmlEnum ? xmlEnum.xml() : String.valueOf(value);
    }

    /** The document of {@code root}, indented by two spaces, without an XML declaration. */
    public static String toXmlString(Element root) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(root), new StreamResult(out));
            return out.toString().strip() + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise XML", e);
        }
    }

    // Characters XML 1.0 cannot carry at all, not even escaped: the serialiser would emit a broken document.
    private static String checkChars(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            if (!allowed) {
                throw new IllegalArgumentException(
                        String.format("character U+%04X cannot appear in XML: %s", (int) c, value));
            }
        }
        return value;
    }

    // ---- reading ----

    /**
     * Parses {@code xml} and returns its root element. DOCTYPEs are refused outright, so neither external entities
     * nor entity expansion bombs can reach the parser.
     */
    public static Element parse(String xml) {
        if (xml == null) {
            throw new XmlException("no XML given");
        }
        try {
            DocumentBuilder builder = newBuilder();
            builder.setErrorHandler(THROWING);
            return builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXException e) {
            throw new XmlException("malformed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new XmlException("cannot read XML: " + e.getMessage(), e);
        }
    }

    /** Parses {@code xml} and checks that its root element is {@code name}. */
    public static Element parseRoot(String xml, String name) {
        Element root = parse(xml);
        if (!isElement(root, name)) {
            throw new XmlException("expected <" + name + "> but the document is <" + root.getTagName() + ">");
        }
        return root;
    }

    /** True when {@code element} is {@code <name>} without a namespace. */
    public static boolean isElement(Element element, String name) {
        return element.getNamespaceURI() == null && name.equals(element.getLocalName());
    }

    /** Child elements of {@code parent} named {@code name} (no namespace), in document order. */
    public static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Element child : children(parent)) {
            if (isElement(child, name)) {
                found.add(child);
            }
        }
        return found;
    }

    /** All child elements of {@code parent}, in document order. */
    public static List<Element> children(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                found.add(element);
            }
        }
        return found;
    }

    /** Child elements of {@code parent} with local name {@code localName} in {@code namespace}. */
    public static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Element child : children(parent)) {
            if (namespace.equals(child.getNamespaceURI()) && localName.equals(child.getLocalName())) {
                found.add(child);
            }
        }
        return found;
    }

    /** The first child element named {@code name}, if any. */
    public static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    /** The first child element named {@code name}; an {@link XmlException} when there is none. */
    public static Element requiredChild(Element parent, String name) {
        return child(parent, name).orElseThrow(
                () -> new XmlException("<" + parent.getTagName() + "> has no <" + name + ">"));
    }

    /** Attribute {@code name}, or empty when absent. */
    public static Optional<String> attr(Element element, String name) {
        return element.hasAttributeNS(null, name)
                ? Optional.of(element.getAttributeNS(null, name))
                : Optional.empty();
    }

    /** Attribute {@code name}; an {@link XmlException} when absent. */
    public static String requiredAttr(Element element, String name) {
        return attr(element, name).orElseThrow(
                () -> new XmlException("<" + element.getTagName() + "> has no attribute '" + name + "'"));
    }

    /** The text of {@code element}, exactly as written (values like paths may legitimately hold spaces). */
    public static String text(Element element) {
        return element.getTextContent();
    }

    /** The text of the first child named {@code name}, if that child exists. */
    public static Optional<String> childText(Element parent, String name) {
        return child(parent, name).map(Xml::text);
    }

    /** Attribute {@code name} as an int, or empty when absent. */
    public static Optional<Integer> intAttr(Element element, String name) {
        return attr(element, name).map(value -> toInt(value, name));
    }

    /** Attribute {@code name} as a long, or empty when absent. */
    public static Optional<Long> longAttr(Element element, String name) {
        return attr(element, name).map(value -> toLong(value, name));
    }

    /** Attribute {@code name} spelled as a constant of {@code type}, or empty when absent. */
    public static <E extends Enum<E> & XmlEnum> Optional<E> enumAttr(Element element, String name, Class<E> type) {
        return attr(element, name).map(value -> XmlEnum.fromXml(type, value));
    }

    /** {@code value} (surrounding whitespace ignored) as an int; an {@link XmlException} otherwise. */
    public static int toInt(String value, String what) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new XmlException(what + " is not an integer: '" + value + "'", e);
        }
    }

    /** {@code value} (surrounding whitespace ignored) as a long; an {@link XmlException} otherwise. */
    public static long toLong(String value, String what) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new XmlException(what + " is not an integer: '" + value + "'", e);
        }
    }

    /** libvirt's boolean spellings: yes/no and on/off. */
    public static boolean toBoolean(String value, String what) {
        return switch (value) {
            case "yes", "on" -> true;
            case "no", "off" -> false;
            default -> throw new XmlException(what + " is not yes/no or on/off: '" + value + "'");
        };
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    }

    // The default handler prints "[Fatal Error]" to stderr before throwing; errors belong in the exception only.
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
