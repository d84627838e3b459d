package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TagSpecification;
import io.labvisor.tag.TaggedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS CLI's tag arguments: {@code --tags Key=k,Value=v ...} and {@code --tag-specifications
 * 'ResourceType=instance,Tags=[{Key=k,Value=v},{Key=k2,Value=v2}]'} (or the same as JSON). In the shorthand a value
 * runs to the end of its item, so it cannot hold a comma or a brace; use the JSON form for those.
 */
final class TagArguments {
    private static final Pattern KEY_VALUE = Pattern.compile("Key=([^,]*)(?:,Value=(.*))?");
    private static final Pattern SPEC = Pattern.compile("ResourceType=([^,]+),Tags=\\[(.*)]");

    private TagArguments() {
    }

    /** {@code Key=k,Value=v} items of create-tags. */
    static List<Tag> tags(List<String> items) {
        return items == null ? List.of() : items.stream().map(TagArguments::tag).toList();
    }

    static Tag tag(String item) {
        Matcher m = KEY_VALUE.matcher(item.strip());
        if (!m.matches()) {
            throw Ec2Exception.invalidParameter("Malformed tag '" + item + "': expected Key=<key>,Value=<value>");
        }
        return new Tag(m.group(1), m.group(2) == null ? "" : m.group(2));
    }

    /** delete-tags items: {@code Key=k} deletes whatever the value, {@code Key=k,Value=v} only that value. */
    static List<TagService.KeyAndValue> keys(List<String> items) {
        if (items == null) {
            return List.of();
        }
        List<TagService.KeyAndValue> out = new ArrayList<>();
        for (String item : items) {
            Matcher m = KEY_VALUE.matcher(item.strip());
            if (!m.matches()) {
                throw Ec2Exception.invalidParameter("Malformed tag '" + item + "': expected Key=<key>[,Value=<value>]");
            }
            out.add(new TagService.KeyAndValue(m.group(1), Optional.ofNullable(m.group(2))));
        }
        return out;
    }

    static List<TagSpecification> specifications(List<String> specs) {
        return specs == null ? List.of() : specs.stream().flatMap(s -> specification(s).stream()).toList();
    }

    static List<TagSpecification> specification(String spec) {
        String s = spec.strip();
        if (s.startsWith("[") || s.startsWith("{")) {
            return json(s);
        }
        Matcher m = SPEC.matcher(s);
        if (!m.matches()) {
            throw Ec2Exception.invalidParameter("Malformed tag specification '" + spec
                    + "': expected ResourceType=<type>,Tags=[{Key=<key>,Value=<value>},...]");
        }
        List<Tag> tags = new ArrayList<>();
        String inner = m.group(2).strip();
        if (!inner.isEmpty()) {
            if (!inner.startsWith("{") || !inner.endsWith("}")) {
                throw Ec2Exception.invalidParameter("Malformed tags in '" + spec + "'");
            }
            for (String item : inner.substring(1, inner.length() - 1).split("\\},\\s*\\{", -1)) {
                tags.add(tag(item));
            }
        }
        return List.of(new TagSpecification(TaggedResource.parse(m.group(1).strip()), tags));
    }

    private static List<TagSpecification> json(String text) {
        try {
            JsonNode root = new ObjectMapper().readTree(text);
            List<TagSpecification> out = new ArrayList<>();
            for (JsonNode spec : root.isArray() ? root : List.of(root)) {
                List<Tag> tags = new ArrayList<>();
                for (JsonNode t : spec.path("Tags")) {
                    tags.add(new Tag(t.path("Key").asText(), t.path("Value").asText("")));
                }
                out.add(new TagSpecification(TaggedResource.parse(spec.path("ResourceType").asText()), tags));
            }
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Ec2Exception.invalidParameter("Malformed tag specification JSON: " + e.getOriginalMessage());
        }
    }
}
