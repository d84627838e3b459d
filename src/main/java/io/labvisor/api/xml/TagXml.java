package io.labvisor.api.xml;

import io.labvisor.tag.Tag;
import io.labvisor.tag.TagDescription;

import java.util.List;

/** Tags in EC2's XML: a resource's {@code tagSet} (left out when it has none, as EC2 does) and DescribeTags' items. */
public final class TagXml {
    private TagXml() {
    }

    public static void tagSet(XmlNode resource, List<Tag> tags) {
        if (!tags.isEmpty()) {
            XmlNode set = resource.child("tagSet");
            tags.forEach(t -> set.item().text("key", t.key()).text("value", t.value()));
        }
    }

    public static void description(XmlNode item, TagDescription t) {
        item.text("resourceId", t.resourceId()).text("resourceType", t.resourceType().label())
                .text("key", t.key()).text("value", t.value());
    }
}
