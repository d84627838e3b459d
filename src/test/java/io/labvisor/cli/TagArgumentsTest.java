package io.labvisor.cli;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TagSpecification;
import io.labvisor.tag.TaggedResource;
import io.labvisor.operation.CreatedTags;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TagArgumentsTest {
    @Test
    void shorthandAndJsonTagSpecificationsAgree() {
        List<TagSpecification> expected = List.of(new TagSpecification(TaggedResource.INSTANCE,
                List.of(new Tag("Name", "web 1"), new Tag("env", ""))));
        assertEquals(expected, TagArguments.specification("ResourceType=instance,Tags=[{Key=Name,Value=web 1},{Key=env}]"));
        assertEquals(expected, TagArguments.specification(
                "[{\"ResourceType\":\"instance\",\"Tags\":[{\"Key\":\"Name\",\"Value\":\"web 1\"},{\"Key\":\"env\"}]}]"));
        assertEquals(List.of(new Tag("a", "1")), CreatedTags.only(TagArguments.specifications(
                List.of("ResourceType=volume,Tags=[{Key=a,Value=1}]")), TaggedResource.VOLUME));
    }

    @Test
    void wrongResourceTypesAndMalformedArgumentsAreRefused() {
        assertThrows(Ec2Exception.class, () -> CreatedTags.only(TagArguments.specifications(
                List.of("ResourceType=instance,Tags=[{Key=a,Value=1}]")), TaggedResource.VOLUME));
        assertThrows(Ec2Exception.class, () -> TagArguments.specification("ResourceType=elephant,Tags=[{Key=a}]"));
        assertThrows(Ec2Exception.class, () -> TagArguments.specification("Tags=[{Key=a}]"));
        assertThrows(Ec2Exception.class, () -> TagArguments.tag("Value=x"));
    }

    @Test
    void deleteTagsKeysCarryAValueOnlyWhenGiven() {
        assertEquals(List.of(new TagService.KeyAndValue("env", Optional.empty()),
                        new TagService.KeyAndValue("Name", Optional.of("web")),
                        new TagService.KeyAndValue("e", Optional.of(""))),
                TagArguments.keys(List.of("Key=env", "Key=Name,Value=web", "Key=e,Value=")));
    }
}
