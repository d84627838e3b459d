package io.labvisor.ec2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One EC2 request filter: a name and the values to look for. A resource matches it when any of its values for
 * that name matches any of the filter's values (OR); several filters are AND-ed by whoever applies them.
 * Values are case-sensitive patterns in EC2's wildcard syntax, see {@link #matches(String, String)}.
 */
public record Filter(String name, List<String> values) {

    public Filter {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
    }

    /** Whether any of a resource's values for this filter's name matches any of this filter's patterns. */
    public boolean matchesAny(Collection<String> actualValues) {
        for (String actual : actualValues) {
            for (String pattern : values) {
                if (matches(pattern, actual)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * EC2 filter wildcard matching over the whole value: {@code *} matches any run of characters (also none),
     * {@code ?} exactly one, and {@code \} makes the next character literal ({@code \*}, {@code \?}, {@code \\}).
     * A trailing lone backslash stands for itself.
     */
    public static boolean matches(String pattern, String value) {
        if (pattern == null || value == null) {
            return false;
        }
        // Compile the pattern into tokens first so escaped characters can't be mistaken for wildcards.
        int n = pattern.length();
        char[] literal = new char[n];
        char[] kind = new char[n]; // 'c' literal character, '?' one character, '*' any run
        int tokens = 0;
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < n) {
                kind[tokens] = 'c';
                literal[tokens++] = pattern.charAt(++i);
            } else if (c == '*' || c == '?') {
                kind[tokens++] = c;
            } else {
                kind[tokens] = 'c';
                literal[tokens++] = c;
            }
        }
        // Greedy scan; on a mismatch, let the last '*' swallow one more character and retry from there.
        int p = 0;
        int v = 0;
        int star = -1;
        int starValue = 0;
        while (v < value.length()) {
            if (p < tokens && (kind[p] == '?' || (kind[p] == 'c' && literal[p] == value.charAt(v)))) {
                p++;
                v++;
            } else if (p < tokens && kind[p] == '*') {
                star = p++;
                starValue = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++starValue;
            } else {
                return false;
            }
        }
        while (p < tokens && kind[p] == '*') {
            p++;
        }
        return p == tokens;
    }

    /**
     * Parses the AWS CLI shorthand {@code Name=instance-type,Values=t3.micro,t3.small}. The two keys may come in
     * either order; every comma-separated item after {@code Values=} up to the next key is one value.
     *
     * @throws Ec2Exception {@code InvalidParameterValue} when the spec is not of that form
     */
    public static Filter parseCli(String spec) {
        if (spec == null || spec.isBlank()) {
            throw malformed(spec);
        }
        String name = null;
        List<String> values = null;
        String currentKey = null;
        for (String item : spec.split(",", -1)) {
            if (item.startsWith("Name=")) {
                if (name != null) {
                    throw malformed(spec);
                }
                name = item.substring("Name=".length());
                currentKey = "Name";
            } else if (item.startsWith("Values=")) {
                if (values != null) {
                    throw malformed(spec);
                }
                values = new ArrayList<>();
                values.add(item.substring("Values=".length()));
                currentKey = "Values";
            } else if ("Values".equals(currentKey)) {
                values.add(item);
            } else {
                // Text before any key, an unknown key, or a second value for the single-valued Name.
                throw malformed(spec);
            }
        }
        if (name == null || name.isEmpty() || values == null || values.contains("")) {
            throw malformed(spec);
        }
        return new Filter(name, values);
    }

    private static Ec2Exception malformed(String spec) {
        return Ec2Exception.invalidParameter(
                "Malformed filter '" + spec + "': expected Name=<filter-name>,Values=<value>[,<value>...]");
    }
}
