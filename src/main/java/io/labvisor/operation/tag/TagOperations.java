package io.labvisor.operation.tag;

import io.labvisor.operation.Operation;
import io.labvisor.operation.Page;
import io.labvisor.operation.Paged;
import io.labvisor.operation.Pager;
import io.labvisor.operation.Returned;
import io.labvisor.tag.TagService;

import java.util.List;

import static io.labvisor.operation.Operation.of;

/** CreateTags, DeleteTags, DescribeTags. */
public final class TagOperations {
    private static final Pager DESCRIBE = new Pager("DescribeTags", 5, 1000);

    private final TagService tags;

    public TagOperations(TagService tags) {
        this.tags = tags;
    }

    public List<Operation<?, ?>> all() {
        return List.of(
                of("CreateTags", TagRequests.CreateTags.class, Returned.class, this::create),
                of("DeleteTags", TagRequests.DeleteTags.class, Returned.class, this::delete),
                of("DescribeTags", TagRequests.DescribeTags.class, TagResponses.DescribeTags.class, this::describe));
    }

    /** Checked by a call that writes nothing when it refuses (DryRun stops there); the write is the execution. */
    private Operation.Prepared<Returned> create(TagRequests.CreateTags q) {
        tags.checkCreate(q.resources(), q.tags());
        return () -> {
            tags.create(q.resources(), q.tags());
            return Returned.TRUE;
        };
    }

    private Operation.Prepared<Returned> delete(TagRequests.DeleteTags q) {
        tags.checkDelete(q.resources(), q.tags());
        return () -> {
            tags.delete(q.resources(), q.tags());
            return Returned.TRUE;
        };
    }

    public static TagResponses.TagDescription description(io.labvisor.tag.TagDescription t) {
        return new TagResponses.TagDescription(t.resourceId(), t.resourceType().label(), t.key(), t.value());
    }

    private Operation.Prepared<TagResponses.DescribeTags> describe(TagRequests.DescribeTags q) {
        Pager.Request paging = Paged.read(DESCRIBE, q.maxResults(), q.nextToken());
        Page<io.labvisor.tag.TagDescription> page = paging.page(tags.describe(q.filters()));
        return () -> new TagResponses.DescribeTags(page.items().stream().map(TagOperations::description).toList(),
                page.nextToken().orElse(null));
    }
}
