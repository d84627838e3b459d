package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.ec2.Ec2Exception;

/**
 * The AWS CLI's shorthand syntax, read into the same tree its JSON form gives: {@code Key=value,Key2=[{A=1},{A=2}]}.
 * A structure is {@code key=value} pairs separated by commas ({@code {…}} inside, bare at the top), a list is
 * {@code […]}, a scalar runs to the next comma or closing bracket (or is quoted with ' or "). Scalars stay text:
 * the reader of the tree decides what is a number.
 */
final class Shorthand {
    private final String text;
    private int at;

    private Shorthand(String text) {
        this.text = text;
    }

    /** One top-level structure, e.g. one {@code --ip-permissions} item. */
    static ObjectNode parse(String text) {
        Shorthand s = new Shorthand(text.strip());
        ObjectNode out = s.structure('\0');
        if (s.at != s.text.length()) {
            throw s.malformed("unexpected '" + s.text.charAt(s.at) + "'");
        }
        return out;
    }

    private ObjectNode structure(char close) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        while (at < text.length() && text.charAt(at) != close) {
            int eq = text.indexOf('=', at);
            if (eq < 0) {
                throw malformed("expected key=value");
            }
            String key = text.substring(at, eq).strip();
            if (!key.matches("[A-Za-z0-9]+")) {
                throw malformed("bad key '" + key + "'");
            }
            if (out.has(key)) {
                throw malformed("key '" + key + "' given twice");
            }
            at = eq + 1;
            out.set(key, value());
            if (!separator(close)) {
                break;
            }
        }
        return out;
    }

    private JsonNode value() {
        skipSpaces();
        if (at < text.length() && text.charAt(at) == '[') {
            at++;
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            while (at < text.length() && text.charAt(at) != ']') {
                list.add(value());
                if (!separator(']')) {
                    break;
                }
            }
            expect(']');
            return list;
        }
        if (at < text.length() && text.charAt(at) == '{') {
            at++;
            ObjectNode inner = structure('}');
            expect('}');
            return inner;
        }
        return JsonNodeFactory.instance.textNode(scalar());
    }

    private String scalar() {
        if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
            char quote = text.charAt(at);
            int end = text.indexOf(quote, at + 1);
            if (end < 0) {
                throw malformed("unterminated quote");
            }
            String s = text.substring(at + 1, end);
            at = end + 1;
            return s;
        }
        int start = at;
        while (at < text.length() && ",]}".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        return text.substring(start, at).strip();
    }

    /** Consumes a comma and returns true, or returns false before {@code close} (or the end at the top). */
    private boolean separator(char close) {
        skipSpaces();
        if (at < text.length() && text.charAt(at) == ',') {
            at++;
            skipSpaces();
            return true;
        }
        if (at == text.length() ? close == '\0' : text.charAt(at) == close) {
            return false;
        }
        throw malformed(at == text.length() ? "missing '" + close + "'" : "unexpected '" + text.charAt(at) + "'");
    }

    private void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw malformed("missing '" + c + "'");
        }
        at++;
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private Ec2Exception malformed(String why) {
        return Ec2Exception.invalidParameter("Malformed shorthand '" + text + "' at " + at + ": " + why);
    }
}
