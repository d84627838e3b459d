package io.labvisor.tag;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import io.labvisor.store.Database;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * CreateTags, DeleteTags, DescribeTags, the tags of new resources ({@code TagSpecification}) and the tag filters of
 * every Describe. Each request is checked whole (ids exist, EC2's limits) before one transaction writes it, so a
 * refused request changes nothing. Whoever deletes a resource calls {@link #removeAll}.
 */
public final class TagService {
    /** Whether a resource of that kind exists now; the composition root answers it from each service's rows. */
    @FunctionalInterface
    public interface Existence {
        boolean exists(TaggedResource type, String resourceId);
    }

    /** A DeleteTags entry: a key, and a value the tag must have to be deleted (any value when empty). */
    public record KeyAndValue(String key, Optional<String> value) {
    }

    private final TagRepository repo;
    private final Existence existence;

    public TagService(Database db, Existence existence) {
        this.repo = new TagRepository(db);
        this.existence = existence;
    }

    /** Every check {@link #create} makes, writing nothing (DryRun). */
    public void checkCreate(List<String> resourceIds, List<Tag> tags) {
        checkedCreate(resourceIds, tags).keySet().forEach(id -> TagRules.checkCount(
                repo.of(id).stream().map(TagDescription::key).toList(), tags.stream().map(Tag::key).toList()));
    }

    private Map<String, TaggedResource> checkedCreate(List<String> resourceIds, List<Tag> tags) {
        if (resourceIds.isEmpty()) {
            throw missing("ResourceId");
        }
        if (tags.isEmpty()) {
            throw missing("Tag");
        }
        TagRules.check(tags);
        return requireAll(resourceIds);
    }

    /** Adds or overwrites {@code tags} on every resource. */
    public void create(List<String> resourceIds, List<Tag> tags) {
        Map<String, TaggedResource> targets = checkedCreate(resourceIds, tags);
        repo.database().write(c -> {
            for (Map.Entry<String, TaggedResource> t : targets.entrySet()) {
                TagRules.checkCount(TagRepository.of(c, t.getKey()).stream().map(TagDescription::key).toList(),
                        tags.stream().map(Tag::key).toList());
                for (Tag tag : tags) {
                    TagRepository.put(c, t.getKey(), t.getValue(), tag);
                }
            }
        });
    }

    /** The tags of resources a request has just created, checked with {@link TagRules#check} beforehand. */
    public void tagNew(TaggedResource type, List<String> resourceIds, List<Tag> tags) {
        if (tags.isEmpty()) {
            return;
        }
        repo.database().write(c -> {
            for (String id : resourceIds) {
                for (Tag tag : tags) {
                    TagRepository.put(c, id, type, tag);
                }
            }
        });
    }

    /** Every check {@link #delete} makes, writing nothing (DryRun). */
    public void checkDelete(List<String> resourceIds, List<KeyAndValue> tags) {
        checkedDelete(resourceIds, tags);
    }

    private Map<String, TaggedResource> checkedDelete(List<String> resourceIds, List<KeyAndValue> tags) {
        if (resourceIds.isEmpty()) {
            throw missing("ResourceId");
        }
        tags.forEach(t -> TagRules.checkKey(t.key()));
        return requireAll(resourceIds);
    }

    /** Removes the given tags (all of the resources' tags when none is given). */
    public void delete(List<String> resourceIds, List<KeyAndValue> tags) {
        Map<String, TaggedResource> targets = checkedDelete(resourceIds, tags);
        repo.database().write(c -> {
            for (String id : targets.keySet()) {
                if (tags.isEmpty()) {
                    TagRepository.deleteAll(c, id);
                }
                for (KeyAndValue t : tags) {
                    TagRepository.delete(c, id, t.key(), t.value());
                }
            }
        });
    }

    /** DescribeTags: filters {@code resource-id}, {@code resource-type}, {@code key}, {@code value}. */
    public List<TagDescription> describe(List<Filter> filters) {
        for (Filter f : filters) {
            if (!List.of("resource-id", "resource-type", "key", "value").contains(f.name())) {
                throw Ec2Exception.invalidParameter("The filter '" + f.name() + "' is invalid");
            }
        }
        return repo.all().stream().filter(t -> filters.stream().allMatch(f -> f.matchesAny(List.of(switch (f.name()) {
            case "resource-id" -> t.resourceId();
            case "resource-type" -> t.resourceType().label();
            case "key" -> t.key();
            default -> t.value();
        })))).toList();
    }

    /** One resource's tags, by key. */
    public List<Tag> of(String resourceId) {
        return repo.of(resourceId).stream().map(TagDescription::tag).toList();
    }

    /** Every resource's tags (one read for a whole Describe). */
    public Map<String, List<Tag>> byResource() {
        Map<String, List<Tag>> out = new LinkedHashMap<>();
        for (TagDescription t : repo.all()) {
            out.computeIfAbsent(t.resourceId(), k -> new ArrayList<>()).add(t.tag());
        }
        return out;
    }

    /** Keeps the items whose tags pass the tag filters among {@code filters}. */
    public <T> List<T> filter(List<T> items, Function<T, String> idOf, List<Filter> filters) {
        if (!TagFilters.hasTagFilters(filters)) {
            return items;
        }
        Map<String, List<Tag>> tags = byResource();
        return items.stream().filter(i -> TagFilters.matches(tags.getOrDefault(idOf.apply(i), List.of()), filters))
                .toList();
    }

    /** The resource is gone: so are its tags. */
    public void removeAll(String resourceId) {
        repo.deleteAll(resourceId);
    }

    private Map<String, TaggedResource> requireAll(List<String> resourceIds) {
        Map<String, TaggedResource> out = new LinkedHashMap<>();
        for (String id : resourceIds) {
            TaggedResource type = TaggedResource.ofId(id);
            if (!existence.exists(type, id)) {
                throw type.notFound(id);
            }
            out.put(id, type);
        }
        return out;
    }

    private static Ec2Exception missing(String name) {
        return new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name);
    }
}
