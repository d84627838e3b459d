package io.labvisor.tag;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** EC2's limits on user tags: 50 per resource, keys 1-128 characters, values up to 256, no {@code aws:} keys. */
public final class TagRules {
    public static final int MAX_PER_RESOURCE = 50;
    public static final int MAX_KEY = 128;
    public static final int MAX_VALUE = 256;

    private TagRules() {
    }

    /** Checks the tags of one request; a key given twice is refused, as EC2 does. */
    public static void check(List<Tag> tags) {
        Set<String> keys = new HashSet<>();
        for (Tag t : tags) {
            checkKey(t.key());
            if (t.value().length() > MAX_VALUE) {
                throw Ec2Exception.invalidParameter("Tag value exceeds the maximum length of " + MAX_VALUE
                        + " characters (key '" + t.key() + "')");
            }
            if (!keys.add(t.key())) {
                throw Ec2Exception.invalidParameter("Duplicate tag key '" + t.key() + "' specified");
            }
        }
        if (keys.size() > MAX_PER_RESOURCE) {
            throw limit();
        }
    }

    public static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw Ec2Exception.invalidParameter("Tag keys must not be empty");
        }
        if (key.length() > MAX_KEY) {
            throw Ec2Exception.invalidParameter("Tag key exceeds the maximum length of " + MAX_KEY + " characters");
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw Ec2Exception.invalidParameter("Tag keys starting with 'aws:' are reserved for internal use");
        }
    }

    /** The keys a resource would have after adding {@code added} to {@code existing}: at most 50. */
    public static void checkCount(Collection<String> existing, Collection<String> added) {
        Set<String> all = new HashSet<>(existing);
        all.addAll(added);
        if (all.size() > MAX_PER_RESOURCE) {
            throw limit();
        }
    }

    private static Ec2Exception limit() {
        return new Ec2Exception(ErrorCode.TAG_LIMIT_EXCEEDED, "The maximum number of tags per resource ("
                + MAX_PER_RESOURCE + ") has been exceeded");
    }
}
