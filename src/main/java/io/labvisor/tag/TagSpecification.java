package io.labvisor.tag;

import io.labvisor.ec2.Ec2Exception;

import java.util.List;

/** Tags a create request puts on the new resources of one type ({@code --tag-specifications}, {@code TagSpecification.N}). */
public record TagSpecification(TaggedResource resourceType, List<Tag> tags) {
    public TagSpecification {
        tags = List.copyOf(tags);
    }

    /**
     * Refuses a specification for a resource type the request does not create, and tags breaking EC2's rules, as
     * EC2 does ({@code InvalidParameterValue}); nothing has been created yet when this runs.
     */
    public static void check(List<TagSpecification> specs, List<TaggedResource> created) {
        for (TagSpecification s : specs) {
            if (!created.contains(s.resourceType())) {
                throw Ec2Exception.invalidParameter("'" + s.resourceType().label()
                        + "' is not a valid taggable resource type for this operation.");
            }
        }
        created.forEach(type -> TagRules.check(tagsFor(specs, type)));
    }

    /** The tags the specifications give resources of {@code type} (several specifications for one type add up). */
    public static List<Tag> tagsFor(List<TagSpecification> specs, TaggedResource type) {
        return specs.stream().filter(s -> s.resourceType() == type).flatMap(s -> s.tags().stream()).toList();
    }
}
