package io.labvisor.api.xml;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * A DescribeInstanceTypes entry from the catalog's AWS-shaped JSON (PascalCase member names, as the AWS CLI prints
 * it) to EC2's XML. EC2's {@code locationName} for a member is its name with the first letter lower-cased, lists
 * wrap each member in {@code <item>}; the exceptions below are every other spelling in InstanceTypeInfo according
 * to the 2016-11-15 service model.
 */
public final class InstanceTypeXml {
    /** Members whose XML name is not the lower-camel member name. */
    private static final Map<String, String> RENAMED = Map.of("EbsCards", "ebsCardSet", "Workloads", "workloadSet");
    /** Lists whose members are not called {@code item} (InferenceAcceleratorInfo.Accelerators). */
    private static final Map<String, String> LIST_MEMBER = Map.of("InferenceAcceleratorInfo.Accelerators", "member");

    private InstanceTypeXml() {
    }

    public static void instanceType(XmlNode item, JsonNode entry) {
        object(item, entry, "");
    }

    private static void object(XmlNode parent, JsonNode object, String parentName) {
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
                        object(m, element, name);
                    } else {
                        m.setText(element.asText());
                    }
                }
            } else if (value.isObject()) {
                object(child, value, name);
            } else {
                child.setText(value.asText());
            }
        }
    }

    static String xmlName(String member) {
        String renamed = RENAMED.get(member);
        return renamed != null ? renamed : Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
