package io.labvisor.tag;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.Filter;
import io.labvisor.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tag service over a real SQLite state file; which resources exist is a fixed set. */
class TagServiceTest {
    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final String VOLUME = "vol-0123456789abcdef0";
    private static final String VPC = "vpc-0123456789abcdef0";

    @TempDir
    Path dir;
    private Database db;
    private TagService tags;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("state.db"));
        Set<String> existing = Set.of(INSTANCE, VOLUME, VPC);
        tags = new TagService(db, (type, id) -> existing.contains(id));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createOverwritesAndDescribeFiltersByResourceTypeKeyAndValue() {
        tags.create(List.of(INSTANCE, VOLUME), List.of(new Tag("Name", "web"), new Tag("env", "test")));
        tags.create(List.of(INSTANCE), List.of(new Tag("Name", "web-2")));
        assertEquals(List.of(new Tag("Name", "web-2"), new Tag("env", "test")), tags.of(INSTANCE));
        List<TagDescription> volumes = tags.describe(List.of(new Filter("resource-type", List.of("volume"))));
        assertEquals(List.of(new TagDescription(VOLUME, TaggedResource.VOLUME, "Name", "web"),
                new TagDescription(VOLUME, TaggedResource.VOLUME, "env", "test")), volumes);
        assertEquals(List.of(INSTANCE), tags.describe(List.of(new Filter("key", List.of("Name")),
                new Filter("value", List.of("web-*")))).stream().map(TagDescription::resourceId).toList());
        assertEquals(Ec2Exception.class, assertThrows(Ec2Exception.class,
                () -> tags.describe(List.of(new Filter("colour", List.of("red"))))).getClass());
    }

    @Test
    void deleteWithAValueDeletesOnlyWhenItMatchesAndWithoutTagsDeletesAll() {
        tags.create(List.of(INSTANCE), List.of(new Tag("env", "test"), new Tag("Name", "web"), new Tag("empty", "")));
        tags.delete(List.of(INSTANCE), List.of(new TagService.KeyAndValue("env", Optional.of("prod"))));
        tags.delete(List.of(INSTANCE), List.of(new TagService.KeyAndValue("Name", Optional.of(""))));
        assertEquals(3, tags.of(INSTANCE).size(), "non-matching values delete nothing");
        tags.delete(List.of(INSTANCE), List.of(new TagService.KeyAndValue("env", Optional.of("test")),
                new TagService.KeyAndValue("empty", Optional.of(""))));
        assertEquals(List.of(new Tag("Name", "web")), tags.of(INSTANCE));
        tags.delete(List.of(INSTANCE), List.of(new TagService.KeyAndValue("Name", Optional.empty())));
        assertTrue(tags.of(INSTANCE).isEmpty());
        tags.create(List.of(INSTANCE), List.of(new Tag("a", "1"), new Tag("b", "2")));
        tags.delete(List.of(INSTANCE), List.of());
        assertTrue(tags.of(INSTANCE).isEmpty());
    }

    @Test
    void unknownIdsAreTheResourcesNotFoundAndMalformedIdsInvalidIdChangingNothing() {
        assertCode("InvalidInstanceID.NotFound", () -> tags.create(List.of(VOLUME, "i-00000000000000000"),
                List.of(new Tag("a", "b"))));
        assertCode("InvalidVolume.NotFound", () -> tags.create(List.of("vol-00000000000000000"),
                List.of(new Tag("a", "b"))));
        assertCode("InvalidGroup.NotFound", () -> tags.delete(List.of("sg-00000000000000000"), List.of()));
        assertCode("InvalidID", () -> tags.create(List.of("web-server"), List.of(new Tag("a", "b"))));
        assertTrue(tags.of(VOLUME).isEmpty(), "a refused request tags no resource, not even the existing one");
    }

    @Test
    void ec2LimitsAreEnforcedBeforeAnythingIsWritten() {
        assertCode("InvalidParameterValue", () -> tags.create(List.of(VPC), List.of(new Tag("aws:cloudformation", "x"))));
        assertCode("InvalidParameterValue", () -> tags.create(List.of(VPC), List.of(new Tag("AWS:x", "x"))));
        assertCode("InvalidParameterValue", () -> tags.create(List.of(VPC), List.of(new Tag("k".repeat(129), "x"))));
        assertCode("InvalidParameterValue", () -> tags.create(List.of(VPC), List.of(new Tag("k", "v".repeat(257)))));
        tags.create(List.of(VPC), List.of(new Tag("k".repeat(128), "v".repeat(256))));

        List<Tag> fortyNine = IntStream.range(0, 49).mapToObj(i -> new Tag("t" + i, "v")).toList();
        tags.create(List.of(VPC), fortyNine);
        assertEquals(50, tags.of(VPC).size());
        tags.create(List.of(VPC), List.of(new Tag("t0", "overwritten")));
        assertCode("TagLimitExceeded", () -> tags.create(List.of(VPC), List.of(new Tag("one-more", "v"))));
        assertEquals(50, tags.of(VPC).size());
        List<Tag> fiftyOne = new ArrayList<>();
        IntStream.range(0, 51).forEach(i -> fiftyOne.add(new Tag("n" + i, "")));
        assertCode("TagLimitExceeded", () -> tags.create(List.of(INSTANCE), fiftyOne));
        assertTrue(tags.of(INSTANCE).isEmpty());
    }

    @Test
    void tagFiltersOfDescribesAndRemovalWithTheResource() {
        tags.create(List.of(INSTANCE), List.of(new Tag("Name", "web"), new Tag("team", "lab")));
        tags.create(List.of(VOLUME), List.of(new Tag("Name", "db")));
        List<String> ids = List.of(INSTANCE, VOLUME, VPC);
        assertEquals(List.of(INSTANCE), tags.filter(ids, id -> id, List.of(new Filter("tag:Name", List.of("w*")))));
        assertEquals(List.of(INSTANCE, VOLUME), tags.filter(ids, id -> id,
                List.of(new Filter("tag-key", List.of("Name")))));
        assertEquals(List.of(VOLUME), tags.filter(ids, id -> id, List.of(new Filter("tag-value", List.of("db")))));
        assertEquals(ids, tags.filter(ids, id -> id, List.of(new Filter("instance-type", List.of("t3.*")))),
                "other filters are the resource's own business");
        tags.removeAll(INSTANCE);
        assertTrue(tags.of(INSTANCE).isEmpty());
        assertEquals(1, tags.of(VOLUME).size());
    }

    private static void assertCode(String code, org.junit.jupiter.api.function.Executable call) {
        assertEquals(code, assertThrows(Ec2Exception.class, call).code().code());
    }
}
