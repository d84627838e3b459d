package io.labvisor.api.query;

import java.util.List;

/** One {@code TagSpecification.N}: tags to put on the resources of one type that the request creates. */
public record TagSpecification(String resourceType, List<Tag> tags) {

    public TagSpecification {
        tags = List.copyOf(tags);
    }

    public record Tag(String key, String value) {
    }
}
