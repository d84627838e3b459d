package io.labvisor.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "t3.micro|t3.micro",
        "t3.*|t3.micro",
        "t3.*|t3.",
        "*.micro|t2.micro",
        "*|''",
        "*|anything",
        "t?.micro|t3.micro",
        "??.large|m5.large",
        "a*b*c|aXbYbZc",
        "*a*a|aaa",
        "m5*.large|m5d.large",
        "m5*.large|m5.large",
        "\\*|*",
        "a\\?|a?",
        "a\\\\b|a\\b",
        "a\\|a\\",
        "Up to * Gigabit|Up to 10 Gigabit",
    })
    void matches(String pattern, String value) {
        assertTrue(Filter.matches(pattern, value));
    }

    @ParameterizedTest(name = "''{0}'' does not match ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "t3.micro|t3.micro2",
        "t3.micro|T3.MICRO",
        "t3.micro|t3.mic",
        "t3.*|t2.micro",
        "t?.micro|t.micro",
        "t?.micro|t33.micro",
        "?|''",
        "''|x",
        "a*b*c|aXbYbZ",
        "\\*|anything",
        "a\\?|ab",
        "*.metal|m5.metal.x",
    })
    void doesNotMatch(String pattern, String value) {
        assertFalse(Filter.matches(pattern, value));
    }

    @Test
    void emptyPatternMatchesOnlyEmptyValueAndNullMatchesNothing() {
        assertTrue(Filter.matches("", ""));
        assertFalse(Filter.matches("*", null));
        assertFalse(Filter.matches(null, "x"));
    }

    @Test
    void matchesAnyIsAnOrOverValuesAndActualValues() {
        Filter filter = new Filter("processor-info.supported-architecture", List.of("arm64", "i3*"));
        assertTrue(filter.matchesAny(List.of("x86_64", "i386")));
        assertFalse(filter.matchesAny(List.of("x86_64")));
        assertFalse(filter.matchesAny(List.of()));
        assertFalse(new Filter("x", List.of()).matchesAny(List.of("anything")));
    }

    @Test
    void valuesAreCopied() {
        List<String> values = new ArrayList<>(List.of("a"));
        Filter filter = new Filter("n", values);
        values.add("b");
        assertEquals(List.of("a"), filter.values());
        assertThrows(UnsupportedOperationException.class, () -> filter.values().add("c"));
    }

    @Test
    void parsesCliShorthand() {
        assertEquals(new Filter("instance-type", List.of("t3.micro", "t3.small")),
                Filter.parseCli("Name=instance-type,Values=t3.micro,t3.small"));
        assertEquals(new Filter("instance-type", List.of("t3.*")), Filter.parseCli("Name=instance-type,Values=t3.*"));
        assertEquals(new Filter("vcpu-info.default-vcpus", List.of("2", "4")),
                Filter.parseCli("Values=2,4,Name=vcpu-info.default-vcpus"));
        assertEquals(new Filter("network-info.network-performance", List.of("Up to 5 Gigabit")),
                Filter.parseCli("Name=network-info.network-performance,Values=Up to 5 Gigabit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        " ",
        "Name=instance-type",
        "Values=t3.micro",
        "Name=,Values=t3.micro",
        "Name=instance-type,Values=",
        "Name=instance-type,Values=a,,b",
        "Name=instance-type,Values=a,",
        "Name=a,b,Values=c",
        "Name=a,Name=b,Values=c",
        "Name=a,Values=b,Values=c",
        "instance-type,Values=a",
        "Nme=instance-type,Values=a",
        "name=instance-type,values=a",
    })
    void rejectsMalformedShorthand(String spec) {
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> Filter.parseCli(spec));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, e.code());
        assertTrue(e.getMessage().startsWith("Malformed filter"), e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(Ec2Exception.class, () -> Filter.parseCli(null));
    }
}
