package io.labvisor.api.xml;

import io.labvisor.virtxml.Xml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

/** EC2 Query API response documents: built with the JDK's DOM, serialised by its transformer. */
public final class Ec2Xml {
    public static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    public static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private Ec2Xml() {
    }

    /** {@code <ActionResponse xmlns="...2016-11-15/"><requestId>…</requestId>}; the action's elements follow. */
    public static XmlNode response(String action, String requestId) {
        Document doc = newDocument();
        Element root = doc.createElementNS(NAMESPACE, action + "Response");
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, XMLConstants.XMLNS_ATTRIBUTE, NAMESPACE);
        doc.appendChild(root);
        return new XmlNode(root).text("requestId", requestId);
    }

    /** EC2's error document: {@code <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/>}. */
    public static String error(String code, String message, String requestId) {
        Document doc = newDocument();
        Element root = doc.createElementNS(null, "Response");
        doc.appendChild(root);
        XmlNode response = new XmlNode(root);
        response.child("Errors").child("Error").text("Code", code).text("Message", message);
        response.text("RequestID", requestId);
        return serialize(response);
    }

    /** The whole document of {@code node}: XML declaration, then the elements indented by two spaces. */
    public static String serialize(XmlNode node) {
        // The declaration is written by hand: the JDK's would add standalone="no" and no line break.
        return DECLARATION + Xml.toXmlString(node.element().getOwnerDocument().getDocumentElement());
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
