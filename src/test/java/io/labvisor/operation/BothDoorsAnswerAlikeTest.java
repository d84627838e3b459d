package io.labvisor.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.api.xml.Ec2Xml;
import io.labvisor.api.xml.XmlNode;
import io.labvisor.api.xml.XmlRenderer;
import io.labvisor.cli.output.JsonRenderer;
import io.labvisor.cli.output.Renderer;
import io.labvisor.operation.Members.ResponseMember;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation's response, rendered as the Query API's XML and as the command line's JSON, parsed back, and
 * compared member by member: every JSON field has its XML element and every XML element its JSON field (but the
 * {@code xmlOnly} ones the SDKs never show), with the same value. The two doors cannot drift apart.
 */
public class BothDoorsAnswerAlikeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyOperationRendersTheSameFieldsBothWays() {
        List<Operation<?, ?>> all = AllOperations.list();
        assertFalse(all.isEmpty());
        return all.stream().map(op -> DynamicTest.dynamicTest(op.name(), () -> {
            Record response = Samples.of(op.responseType());
            compare(op.name(), response);
        }));
    }

    /** Renders {@code response} both ways, as a client reads them, and compares. */
    public static void compare(String operation, Record response) throws Exception {
        XmlNode root = Ec2Xml.response(operation, "req-1");
        XmlRenderer.write(root, response);
        Element xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Ec2Xml.serialize(root).getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        ObjectNode rendered = JsonRenderer.render(response);
        JsonNode json = rendered == null ? MAPPER.createObjectNode() : MAPPER.readTree(Renderer.json(rendered));
        assertEquals("req-1", children(xml).remove(0).getTextContent());
        record(operation, response, json, xml, true);
    }

    private static void record(String path, Record r, JsonNode json, Element xml, boolean top) {
        Set<String> jsonFields = new LinkedHashSet<>();
        json.fieldNames().forEachRemaining(jsonFields::add);
        List<Element> elements = children(xml);
        if (top) {
            elements.remove(0); // requestId
        }
        Set<String> expectedJson = new LinkedHashSet<>();
        List<String> expectedXml = new ArrayList<>();
        for (ResponseMember m : Members.response(r.getClass())) {
            var value = m.valueIn(r);
            if (value.isEmpty()) {
                continue;
            }
            expectedXml.add(m.xml());
            Element element = only(elements, m.xml(), path);
            if (m.xmlOnly()) {
                assertFalse(json.has(m.json()), path + ": " + m.json() + " is XML only");
                continue;
            }
            expectedJson.add(m.json());
            assertTrue(json.has(m.json()), path + ": JSON lacks " + m.json() + " (XML has " + m.xml() + ")");
            value(path + "." + m.json(), value.get(), json.get(m.json()), element, m.base64());
        }
        assertEquals(expectedJson, jsonFields, path + ": JSON fields");
        assertEquals(expectedXml, elements.stream().map(Element::getTagName).toList(), path + ": XML elements");
    }

    private static void value(String path, Object value, JsonNode json, Element xml, boolean base64) {
        if (value instanceof Record r) {
            assertTrue(json.isObject(), path);
            record(path, r, json, xml, false);
        } else if (value instanceof List<?> list) {
            List<Element> items = children(xml);
            assertTrue(json.isArray(), path);
            assertEquals(list.size(), json.size(), path + ": JSON items");
            assertEquals(list.size(), items.size(), path + ": XML items");
            for (int i = 0; i < list.size(); i++) {
                assertEquals("item", items.get(i).getTagName(), path);
                value(path + "[" + i + "]", list.get(i), json.get(i), items.get(i), false);
            }
        } else if (value instanceof JsonNode catalog) {
            assertEquals(catalog, json, path);
            catalogEntry(path, json, xml, "");
        } else if (value instanceof Instant t) {
            assertEquals(t, OffsetDateTime.parse(json.asText()).toInstant(), path + " (JSON)");
            assertEquals(t, Instant.parse(xml.getTextContent()), path + " (XML)");
        } else {
            String text = base64 ? new String(Base64.getDecoder().decode(xml.getTextContent()), StandardCharsets.UTF_8)
                    : xml.getTextContent();
            assertTrue(value instanceof Number ? json.isIntegralNumber() : value instanceof Boolean ? json.isBoolean()
                    : json.isTextual(), path + ": JSON " + json.getNodeType() + " for a " + value.getClass().getSimpleName());
            assertEquals(value.toString(), json.asText(), path + " (JSON)");
            assertEquals(value.toString(), text, path + " (XML)");
        }
    }

    /** The catalog's JSON against its XML: lower-camel elements (but EC2's exceptions), lists of items. */
    private static void catalogEntry(String path, JsonNode json, Element xml, String parentName) {
        List<Element> elements = children(xml);
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isNull()) {
                continue;
            }
            String name = XmlRenderer.xmlName(f.getKey());
            names.add(name);
            Element e = only(elements, name, path);
            if (f.getValue().isArray()) {
                List<Element> items = children(e);
                assertEquals(f.getValue().size(), items.size(), path + "." + f.getKey());
                for (int i = 0; i < items.size(); i++) {
                    assertEquals(XmlRenderer.listMember(parentName, f.getKey()), items.get(i).getTagName());
                    JsonNode item = f.getValue().get(i);
                    if (item.isObject()) {
                        catalogEntry(path + "." + f.getKey(), item, items.get(i), f.getKey());
                    } else {
                        assertEquals(item.asText(), items.get(i).getTextContent(), path + "." + f.getKey());
                    }
                }
            } else if (f.getValue().isObject()) {
                catalogEntry(path + "." + f.getKey(), f.getValue(), e, f.getKey());
            } else {
                assertEquals(f.getValue().asText(), e.getTextContent(), path + "." + f.getKey());
            }
        }
        assertEquals(names, elements.stream().map(Element::getTagName).toList(), path);
    }

    private static Element only(List<Element> elements, String name, String path) {
        List<Element> named = elements.stream().filter(e -> e.getTagName().equals(name)).toList();
        assertEquals(1, named.size(), path + ": XML elements named " + name);
        return named.get(0);
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                out.add(child);
            }
        }
        return out;
    }
}
