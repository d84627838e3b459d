package io.labvisor.tag;

import java.util.List;

/** Tags a create request puts on the new resources of one type ({@code --tag-specifications}, {@code TagSpecification.N}). */
public record TagSpecification(TaggedResource resourceType, List<Tag> tags) {
    public TagSpecification {
        tags = List.copyOf(tags);
    }

    /** The tags the specifications give resources of {@code type} (several specifications for one type add up). */
    public static List<Tag> tagsFor(List<TagSpecification> specs, TaggedResource type) {
        return specs.stream().filter(s -> s.resourceType() == type).flatMap(s -> s.tags().stream()).toList();
    }
}
