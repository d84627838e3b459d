package io.labvisor.api.actions;

import io.labvisor.api.query.Page;
import io.labvisor.api.query.Pager;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.TagXml;
import io.labvisor.api.xml.XmlNode;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagDescription;
import io.labvisor.tag.TagService;

import java.util.ArrayList;
import java.util.List;

/** CreateTags, DeleteTags, DescribeTags over the {@link TagService} the CLI uses. */
final class TagActions {
    private static final Pager DESCRIBE = new Pager("DescribeTags", 5, 1000);

    private final TagService tags;

    TagActions(TagService tags) {
        this.tags = tags;
    }

    List<ActionHandler> handlers() {
        return List.of(new NamedAction("CreateTags", this::create),
                new NamedAction("DeleteTags", this::delete),
                new NamedAction("DescribeTags", this::describe));
    }

    /** ResourceId.N, Tag.N.Key, Tag.N.Value (absent: the empty value). */
    private ActionHandler.Execution create(QueryRequest q) {
        List<String> ids = q.list("ResourceId");
        List<Tag> given = new ArrayList<>();
        for (int n : q.indexes("Tag")) {
            given.add(new Tag(q.requiredString("Tag." + n + ".Key"), q.string("Tag." + n + ".Value").orElse("")));
        }
        // DryRun: checked by a call that writes nothing when it refuses; the real write happens below
        tags.checkCreate(ids, given);
        return out -> {
            tags.create(ids, given);
            out.text("return", true);
        };
    }

    /** ResourceId.N, Tag.N.Key with an optional Tag.N.Value the tag must have; no Tag.N: every tag. */
    private ActionHandler.Execution delete(QueryRequest q) {
        List<String> ids = q.list("ResourceId");
        List<TagService.KeyAndValue> given = new ArrayList<>();
        for (int n : q.indexes("Tag")) {
            given.add(new TagService.KeyAndValue(q.requiredString("Tag." + n + ".Key"),
                    q.string("Tag." + n + ".Value")));
        }
        tags.checkDelete(ids, given);
        return out -> {
            tags.delete(ids, given);
            out.text("return", true);
        };
    }

    /** Filter.N (resource-id, resource-type, key, value), MaxResults 5-1000, NextToken. */
    private ActionHandler.Execution describe(QueryRequest q) {
        var filters = q.filters();
        Pager.Request paging = DESCRIBE.read(q);
        Page<TagDescription> page = paging.page(tags.describe(filters));
        return out -> {
            XmlNode set = out.child("tagSet");
            page.items().forEach(t -> TagXml.description(set.item(), t));
            page.nextToken().ifPresent(t -> out.text("nextToken", t));
        };
    }
}
