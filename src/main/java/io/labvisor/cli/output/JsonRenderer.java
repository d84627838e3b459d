package io.labvisor.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.operation.Members;
import io.labvisor.operation.Members.ResponseMember;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes an operation's response record as the AWS CLI's JSON: each member under its model name
 * ({@link io.labvisor.operation.Field}), lists as arrays, times as the AWS CLI prints them. EC2's XML of the same
 * record is written by the Query API's renderer.
 */
public final class JsonRenderer {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonRenderer() {
    }

    /** The response as JSON; null when it has nothing the AWS CLI would print (DeleteVolume and the like). */
    public static ObjectNode render(Record response) {
        ObjectNode out = object(response);
        return out.isEmpty() ? null : out;
    }

    private static ObjectNode object(Record record) {
        ObjectNode out = F.objectNode();
        for (ResponseMember m : Members.response(record.getClass())) {
            if (!m.xmlOnly()) {
                m.valueIn(record).ifPresent(v -> out.set(m.json(), value(v)));
            }
        }
        return out;
    }

    private static JsonNode value(Object value) {
        if (value instanceof Record r) {
            return object(r);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = F.arrayNode();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof JsonNode json) {
            return json;
        }
        if (value instanceof Instant t) {
            return F.textNode(time(t));
        }
        if (value instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return F.numberNode(i);
        }
        if (value instanceof Long l) {
            return F.numberNode(l);
        }
        return F.textNode(value.toString());
    }

    /** A time as the AWS CLI prints it, e.g. {@code 2025-03-01T10:00:00.250+00:00}. */
    public static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS)).replace("Z", "+00:00");
    }
}
