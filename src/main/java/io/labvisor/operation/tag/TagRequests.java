package io.labvisor.operation.tag;

import io.labvisor.ec2.Filter;
import io.labvisor.operation.Param;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagService;

import java.util.List;

import static io.labvisor.operation.Lists.orEmpty;

/** The requests of the tag operations. */
public final class TagRequests {
    private TagRequests() {
    }

    /** Tag.N.Value absent: the empty value. */
    public record CreateTags(@Param(query = "ResourceId") List<String> resources,
                             @Param(query = "Tag") List<Tag> tags) {
        public CreateTags {
            resources = orEmpty(resources);
            tags = orEmpty(tags);
        }
    }

    /** A tag with a value is deleted only with that value; no tags: every tag of the resources. */
    public record DeleteTags(@Param(query = "ResourceId") List<String> resources,
                             @Param(query = "Tag") List<TagService.KeyAndValue> tags) {
        public DeleteTags {
            resources = orEmpty(resources);
            tags = orEmpty(tags);
        }
    }

    /** Filters resource-id, resource-type, key, value. */
    public record DescribeTags(@Param(query = "Filter") List<Filter> filters, Integer maxResults, String nextToken) {
        public DescribeTags {
            filters = orEmpty(filters);
        }
    }
}
