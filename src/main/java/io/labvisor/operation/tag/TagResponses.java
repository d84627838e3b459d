package io.labvisor.operation.tag;

import io.labvisor.operation.Field;

import java.util.List;

/** DescribeTags' answer (shape TagDescription). */
public final class TagResponses {
    private TagResponses() {
    }

    public record TagDescription(String resourceId, String resourceType, String key, String value) {
    }

    public record DescribeTags(@Field(xml = "tagSet") List<TagDescription> tags, String nextToken) {
    }
}
