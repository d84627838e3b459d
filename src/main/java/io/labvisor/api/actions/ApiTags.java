package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagSpecification;
import io.labvisor.tag.TaggedResource;

import java.util.List;

/** {@code TagSpecification.N} of a create action, in the tag service's terms and checked against EC2's rules. */
final class ApiTags {
    private ApiTags() {
    }

    static List<TagSpecification> specifications(QueryRequest q) {
        return q.tagSpecifications().stream()
                .map(s -> new TagSpecification(TaggedResource.parse(s.resourceType()),
                        s.tags().stream().map(t -> new Tag(t.key(), t.value())).toList()))
                .toList();
    }
}
