package io.labvisor.operation;

import io.labvisor.tag.Tag;

import java.util.List;

/** A resource's tag as EC2 shows it ({@code Tags}, {@code tagSet/item}). */
public record TagItem(String key, String value) {
    public static List<TagItem> of(List<Tag> tags) {
        return tags.stream().map(t -> new TagItem(t.key(), t.value())).toList();
    }
}
