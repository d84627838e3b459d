package io.labvisor.virtxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Compares XML documents as DOM trees: attribute order, quoting and indentation do not matter. */
public final class XmlAssert {
    private XmlAssert() {
    }

    public static void assertXmlEquals(String expected, String actual) {
        Element want = stripped(expected);
        Element got = stripped(actual);
        if (!want.isEqualNode(got)) {
            // Re-serialise both the same way so the failure shows a readable diff.
            assertEquals(Xml.toXmlString(want), Xml.toXmlString(got));
            fail("XML differs:\nexpected:\n" + expected + "\nactual:\n" + actual);
        }
    }

    private static Element stripped(String xml) {
        Element root = Xml.parse(xml);
        strip(root);
        root.getOwnerDocument().normalizeDocument();
        return root;
    }

    // Whitespace between elements is indentation, not content.
    private static void strip(Node node) {
        List<Node> blank = new ArrayList<>();
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()
                    && node.getChildNodes().getLength() > 1) {
                blank.add(child);
            } else if (child.getNodeType() == Node.COMMENT_NODE) {
                blank.add(child);
            } else {
                strip(child);
            }
        }
        blank.forEach(node::removeChild);
    }
}
