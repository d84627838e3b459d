package io.labvisor.tag;

import io.labvisor.ec2.Filter;

import java.util.List;

/**
 * The tag filters every Describe of a taggable resource takes: {@code tag:<key>} (that key with one of the values),
 * {@code tag-key} (any tag with one of these keys) and {@code tag-value}. Other filters are the resource's own.
 */
public final class TagFilters {
    private TagFilters() {
    }

    public static boolean isTagFilter(Filter f) {
        return f.name().startsWith("tag:") || f.name().equals("tag-key") || f.name().equals("tag-value");
    }

    /** The filters that are not tag filters, for the resource's own filter code. */
    public static List<Filter> withoutTags(List<Filter> filters) {
        return filters.stream().filter(f -> !isTagFilter(f)).toList();
    }

    /** Whether {@code tags} pass every tag filter among {@code filters} (other filters are ignored here). */
    public static boolean matches(List<Tag> tags, List<Filter> filters) {
        for (Filter f : filters) {
            if (!isTagFilter(f)) {
                continue;
            }
            boolean ok;
            if (f.name().equals("tag-key")) {
                ok = f.matchesAny(tags.stream().map(Tag::key).toList());
            } else if (f.name().equals("tag-value")) {
                ok = f.matchesAny(tags.stream().map(Tag::value).toList());
            } else {
                String key = f.name().substring("tag:".length());
                ok = f.matchesAny(tags.stream().filter(t -> t.key().equals(key)).map(Tag::value).toList());
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static boolean hasTagFilters(List<Filter> filters) {
        return filters.stream().anyMatch(TagFilters::isTagFilter);
    }
}
