package io.labvisor.tag;

/** One row of DescribeTags: a tag with the resource it is on. */
public record TagDescription(String resourceId, TaggedResource resourceType, String key, String value) {
    public Tag tag() {
        return new Tag(key, value);
    }
}
