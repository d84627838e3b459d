package io.labvisor.api.actions;

import io.labvisor.api.query.FormParams;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TaggedResource;
import io.labvisor.operation.CreatedTags;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** TagSpecification.N of the create actions: EC2's resource types and tag rules. */
class ApiTagsTest {
    private static QueryRequest form(String body) {
        return QueryRequest.of(FormParams.decode(body));
    }

    /** What a create operation makes of the parsed specifications. */
    private static List<Tag> only(QueryRequest q, TaggedResource type) {
        return CreatedTags.only(ApiTags.specifications(q), type);
    }

    @Test
    void tagsOfTheCreatedResourceType() {
        QueryRequest q = form("TagSpecification.1.ResourceType=volume&TagSpecification.1.Tag.1.Key=Name"
                + "&TagSpecification.1.Tag.1.Value=data&TagSpecification.1.Tag.2.Key=empty");
        assertEquals(List.of(new Tag("Name", "data"), new Tag("empty", "")), only(q, TaggedResource.VOLUME));
        q.rejectUnread();
    }

    @Test
    void anotherResourceTypeAnUnknownTypeAndReservedKeysAreInvalidParameterValue() {
        assertEquals("InvalidParameterValue", code(() -> only(form("TagSpecification.1.ResourceType=instance"
                + "&TagSpecification.1.Tag.1.Key=a"), TaggedResource.VOLUME)));
        assertEquals("InvalidParameterValue", code(() -> ApiTags.specifications(form(
                "TagSpecification.1.ResourceType=spaceship&TagSpecification.1.Tag.1.Key=a"))));
        assertEquals("InvalidParameterValue", code(() -> only(form("TagSpecification.1.ResourceType=vpc"
                + "&TagSpecification.1.Tag.1.Key=aws%3Aowner"), TaggedResource.VPC)));
        assertEquals("InvalidParameterValue", code(() -> only(form("TagSpecification.1.ResourceType=vpc"
                + "&TagSpecification.1.Tag.1.Key=a&TagSpecification.1.Tag.2.Key=a"), TaggedResource.VPC)));
    }

    private static String code(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(Ec2Exception.class, call).code().code();
    }
}
