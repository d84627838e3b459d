package io.labvisor.ec2;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceIdTest {
    @Test
    void idsArePrefixPlusSeventeenHexDigits() {
        String id = ResourceId.INSTANCE.next();
        assertTrue(id.matches("i-[0-9a-f]{17}"), id);
        assertTrue(ResourceId.IMAGE.next().matches("ami-[0-9a-f]{17}"));
        assertTrue(ResourceId.INSTANCE.isValid(id));
        assertFalse(ResourceId.IMAGE.isValid(id));
        assertFalse(ResourceId.INSTANCE.isValid("i-123"));
        assertFalse(ResourceId.INSTANCE.isValid("i-0123456789ABCDEF0"));
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(ResourceId.VOLUME.next());
        }
        assertEquals(10_000, seen.size());
    }
}
