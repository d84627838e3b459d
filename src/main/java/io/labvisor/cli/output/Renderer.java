package io.labvisor.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a response the way the AWS CLI does: JSON with 4-space indentation, text as tab-separated lines headed
 * by the upper-cased key each object sits under, or a boxed table.
 */
public final class Renderer {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Renderer() {
    }

    public static String render(JsonNode response, OutputFormat format, String operation) {
        return switch (format) {
            case json -> json(response);
            case text -> text(response);
            case table -> table(response, operation);
        };
    }

    public static String json(JsonNode node) {
        // "Key": value, as the AWS CLI prints it (Jackson's default puts a space before the colon too)
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(JsonNode node) {
        StringBuilder out = new StringBuilder();
        textNode(out, null, node);
        return out.toString().stripTrailing();
    }

    private static void textNode(StringBuilder out, String key, JsonNode node) {
        if (node.isArray()) {
            List<String> scalars = new ArrayList<>();
            for (JsonNode item : node) {
                if (item.isValueNode()) {
                    scalars.add(item.asText());
                } else {
                    textNode(out, key, item);
                }
            }
            if (!scalars.isEmpty()) {
                line(out, key, scalars);
            }
            return;
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            List<String> scalars = new ArrayList<>();
            sorted.forEach((k, v) -> {
                if (v.isValueNode()) {
                    scalars.add(v.asText());
                }
            });
            if (!scalars.isEmpty()) {
                line(out, key, scalars);
            }
            sorted.forEach((k, v) -> {
                if (!v.isValueNode()) {
                    textNode(out, k, v);
                }
            });
            return;
        }
        line(out, key, List.of(node.asText()));
    }

    private static void line(StringBuilder out, String key, List<String> values) {
        if (key != null) {
            out.append(key.toUpperCase()).append('\t');
        }
        out.append(String.join("\t", values)).append('\n');
    }

    static String table(JsonNode node, String title) {
        List<String> lines = new ArrayList<>();
        tableNode(lines, title, node, 0);
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        String rule = "-".repeat(width + 4);
        out.append(rule).append('\n');
        for (String l : lines) {
            out.append("| ").append(l).append(" ".repeat(width - l.length())).append(" |\n");
        }
        out.append(rule);
        return out.toString();
    }

    private static void tableNode(List<String> lines, String title, JsonNode node, int depth) {
        String indent = "  ".repeat(depth);
        if (title != null) {
            lines.add(indent + "[" + title + "]");
        }
        if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                if (item.isValueNode()) {
                    lines.add(indent + "  " + item.asText());
                } else {
                    tableNode(lines, title == null ? "#" + i : title + " #" + i, item, depth + 1);
                }
                i++;
            }
            return;
        }
        int keyWidth = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keyWidth = Math.max(keyWidth, it.next().length());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode()) {
                lines.add(indent + "  " + pad(e.getKey(), keyWidth) + " | " + e.getValue().asText());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                tableNode(lines, e.getKey(), e.getValue(), depth + 1);
            }
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
