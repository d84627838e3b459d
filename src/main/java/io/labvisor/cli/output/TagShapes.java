package io.labvisor.cli.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagDescription;

import java.util.List;

/** Tags as the AWS CLI prints them: {@code "Tags": [{"Key": …, "Value": …}]}, left out when there are none. */
public final class TagShapes {
    private TagShapes() {
    }

    public static ObjectNode put(ObjectNode resource, List<Tag> tags) {
        if (!tags.isEmpty()) {
            ArrayNode list = resource.putArray("Tags");
            tags.forEach(t -> list.addObject().put("Key", t.key()).put("Value", t.value()));
        }
        return resource;
    }

    public static ObjectNode description(TagDescription t) {
        ObjectNode n = Shapes.object();
        n.put("Key", t.key());
        n.put("ResourceId", t.resourceId());
        n.put("ResourceType", t.resourceType().label());
        n.put("Value", t.value());
        return n;
    }
}
