package io.labvisor.api.query;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The parameters of one EC2 Query request with typed getters for EC2's encodings: scalars, numbered lists
 * ({@code InstanceId.1}, {@code InstanceId.2}), filters ({@code Filter.1.Name}, {@code Filter.1.Value.1}) and tag
 * specifications. Every getter marks what it read, so parameters no handler asked for can be refused as
 * {@code UnknownParameter} instead of being silently ignored.
 */
public final class QueryRequest {
    private static final Pattern INDEX = Pattern.compile("[1-9][0-9]{0,5}");

    /** EC2's longest parameter names are well under this; longer ones are refused before they are indexed. */
    static final int MAX_NAME_LENGTH = 256;

    private final Map<String, String> params;
    private final Set<String> read = Collections.synchronizedSet(new HashSet<>());
    /**
     * Every {@code list.N} parameter name by list and N, and every N of {@code prefix.N.<more>} by prefix, built once
     * so that reading thousands of filters is linear, not one scan of all parameters per filter.
     */
    private final Map<String, TreeMap<Integer, String>> lists = new HashMap<>();
    private final Map<String, TreeSet<Integer>> nested = new HashMap<>();

    public QueryRequest(Map<String, String> params) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        for (String name : this.params.keySet()) {
            if (name.length() > MAX_NAME_LENGTH) {
                throw Ec2Exception.invalidParameter("A parameter name is longer than " + MAX_NAME_LENGTH
                        + " characters");
            }
            index(name);
        }
    }

    /** Records where {@code name}'s numeric segments sit: {@code a.N} as a list item, {@code a.N.b} as nested. */
    private void index(String name) {
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            if (dot < 0) {
                return;
            }
            int end = name.indexOf('.', dot + 1);
            String segment = end < 0 ? name.substring(dot + 1) : name.substring(dot + 1, end);
            if (INDEX.matcher(segment).matches()) {
                String prefix = name.substring(0, dot);
                int n = Integer.parseInt(segment);
                if (end < 0) {
                    lists.computeIfAbsent(prefix, k -> new TreeMap<>()).put(n, name);
                } else if (end + 1 < name.length()) {
                    nested.computeIfAbsent(prefix, k -> new TreeSet<>()).add(n);
                }
            }
            if (end < 0) {
                return;
            }
            start = end;
        }
    }

    public static QueryRequest of(Map<String, String> params) {
        return new QueryRequest(params);
    }

    public Optional<String> string(String name) {
        read.add(name);
        return Optional.ofNullable(params.get(name));
    }

    /** @throws Ec2Exception {@code MissingParameter} when absent or empty */
    public String requiredString(String name) {
        return string(name).filter(v -> !v.isEmpty()).orElseThrow(() -> missing(name));
    }

    /** @throws Ec2Exception {@code InvalidParameterValue} when present but not an integer */
    public Optional<Integer> integer(String name) {
        return string(name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw invalid(name, v);
            }
        });
    }

    public int requiredInteger(String name) {
        requiredString(name);
        return integer(name).orElseThrow();
    }

    /** EC2 booleans are {@code true} or {@code false}; absent means {@code defaultValue}. */
    public boolean bool(String name, boolean defaultValue) {
        return string(name).map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, v);
        }).orElse(defaultValue);
    }

    public boolean dryRun() {
        return bool("DryRun", false);
    }

    /** {@code Name.1}, {@code Name.2}, ... in index order; empty when none. */
    public List<String> list(String name) {
        return new ArrayList<>(indexed(name).values());
    }

    /** {@code Filter.N.Name} with its {@code Filter.N.Value.M}; a filter needs a name and at least one value. */
    public List<Filter> filters() {
        List<Filter> out = new ArrayList<>();
        for (int n : indexes("Filter")) {
            String prefix = "Filter." + n;
            String name = string(prefix + ".Name").filter(s -> !s.isEmpty()).orElseThrow(() -> missing(prefix + ".Name"));
            List<String> values = list(prefix + ".Value");
            if (values.isEmpty()) {
                throw missing(prefix + ".Value.1");
            }
            out.add(new Filter(name, values));
        }
        return out;
    }

    /** {@code TagSpecification.N.ResourceType} with its {@code TagSpecification.N.Tag.M.Key} and {@code .Value}. */
    public List<TagSpecification> tagSpecifications() {
        List<TagSpecification> out = new ArrayList<>();
        for (int n : indexes("TagSpecification")) {
            String prefix = "TagSpecification." + n;
            String type = requiredString(prefix + ".ResourceType");
            List<TagSpecification.Tag> tags = new ArrayList<>();
            for (int m : indexes(prefix + ".Tag")) {
                String tag = prefix + ".Tag." + m;
                tags.add(new TagSpecification.Tag(requiredString(tag + ".Key"), string(tag + ".Value").orElse("")));
            }
            out.add(new TagSpecification(type, tags));
        }
        return out;
    }

    /** Parameters no getter has asked for, in request order. */
    public List<String> unread() {
        return params.keySet().stream().filter(k -> !read.contains(k)).toList();
    }

    /** @throws Ec2Exception {@code UnknownParameter} naming the first parameter no getter read */
    public void rejectUnread() {
        List<String> unread = unread();
        if (!unread.isEmpty()) {
            throw new Ec2Exception(ErrorCode.UNKNOWN_PARAMETER,
                    "The parameter " + unread.get(0) + " is not recognized");
        }
    }

    /** Values of {@code name.N} (exactly one index level) by N; marks them read. */
    private TreeMap<Integer, String> indexed(String name) {
        TreeMap<Integer, String> out = new TreeMap<>();
        lists.getOrDefault(name, new TreeMap<>()).forEach((n, key) -> {
            read.add(key);
            out.put(n, params.get(key));
        });
        return out;
    }

    /** The N of every {@code prefix.N.<anything>} parameter, ascending (nested lists such as IpPermissions.N). */
    public List<Integer> indexes(String prefix) {
        return new ArrayList<>(nested.getOrDefault(prefix, new TreeSet<>()));
    }

    private static Ec2Exception missing(String name) {
        return new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name);
    }

    private static Ec2Exception invalid(String name, String value) {
        return Ec2Exception.invalidParameter("Invalid value '" + value + "' for " + name);
    }
}
