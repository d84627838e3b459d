package io.labvisor.operation;

import io.labvisor.tag.Tag;
import io.labvisor.tag.TagSpecification;
import io.labvisor.tag.TaggedResource;

import java.util.List;

/** The TagSpecifications of a create operation that makes one resource type. */
public final class CreatedTags {
    private CreatedTags() {
    }

    /** The tags for {@code type}; a specification for another resource type is refused, as EC2 does. */
    public static List<Tag> only(List<TagSpecification> specs, TaggedResource type) {
        TagSpecification.check(specs, List.of(type));
        return TagSpecification.tagsFor(specs, type);
    }
}
