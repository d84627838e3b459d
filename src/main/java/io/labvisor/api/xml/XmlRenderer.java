package io.labvisor.api.xml;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.operation.Members;
import io.labvisor.operation.Members.ResponseMember;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes an operation's response record as EC2's XML: each member is the element its {@code locationName} names
 * ({@link io.labvisor.operation.Field}), a list wraps each member in {@code <item>}, a nested record is an element
 * of elements, a value is text. The AWS CLI's JSON of the same record is written by the command line's renderer.
 */
public final class XmlRenderer {
    /** Instance type members whose XML name is not the lower-camel member name (2016-11-15 model). */
    private static final Map<String, String> RENAMED = Map.of("EbsCards", "ebsCardSet", "Workloads", "workloadSet");
    /** Lists whose members are not called {@code item} (InferenceAcceleratorInfo.Accelerators). */
    private static final Map<String, String> LIST_MEMBER = Map.of("InferenceAcceleratorInfo.Accelerators", "member");

    private XmlRenderer() {
    }

    /** The members of {@code response} under {@code parent} (the {@code <ActionResponse>} element). */
    public static void write(XmlNode parent, Record response) {
        for (ResponseMember m : Members.response(response.getClass())) {
            m.valueIn(response).ifPresent(v -> value(parent.child(m.xml()), v, m.base64()));
        }
    }

    private static void value(XmlNode node, Object value, boolean base64) {
        if (value instanceof Record r) {
            write(node, r);
        } else if (value instanceof List<?> list) {
            list.forEach(item -> value(node.item(), item, false));
        } else if (value instanceof JsonNode json) {
            json(node, json, "");
        } else if (base64) {
            node.setText(Base64.getEncoder().encodeToString(value.toString().getBytes(StandardCharsets.UTF_8)));
        } else {
            node.setText(value);
        }
    }

    /**
     * JSON kept in the AWS CLI's form (the instance type catalog): EC2's {@code locationName} of a member is its
     * name with the first letter lower-cased, lists wrap each member in {@code <item>}, but for the exceptions above.
     */
    private static void json(XmlNode parent, JsonNode object, String parentName) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            XmlNode child = parent.child(xmlName(name));
            if (value.isArray()) {
                String member = LIST_MEMBER.getOrDefault(parentName + "." + name, "item");
                for (JsonNode element : value) {
                    XmlNode m = child.child(member);
                    if (element.isObject()) {
                        json(m, element, name);
                    } else {
                        m.setText(element.asText());
                    }
                }
            } else if (value.isObject()) {
                json(child, value, name);
            } else {
                child.setText(value.asText());
            }
        }
    }

    /** The XML element of a member of the catalog's JSON. */
    public static String xmlName(String member) {
        String renamed = RENAMED.get(member);
        return renamed != null ? renamed : Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }

    /** The element that wraps each member of the catalog's list {@code parent.name}. */
    public static String listMember(String parentName, String name) {
        return LIST_MEMBER.getOrDefault(parentName + "." + name, "item");
    }
}
