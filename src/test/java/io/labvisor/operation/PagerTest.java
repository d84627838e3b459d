package io.labvisor.operation;

import io.labvisor.api.query.QueryRequest;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagerTest {
    private final Pager pager = new Pager("DescribeInstanceTypes", 5, 100);
    private final List<Integer> all = IntStream.range(0, 12).boxed().toList();

    private Page<Integer> page(Map<String, String> params) {
        QueryRequest q = QueryRequest.of(params);
        return pager.read(q.integer("MaxResults"), q.string("NextToken")).page(all);
    }

    @Test
    void withoutMaxResultsEverythingComesAtOnce() {
        Page<Integer> p = page(Map.of());
        assertEquals(all, p.items());
        assertEquals(Optional.empty(), p.nextToken());
    }

    @Test
    void tokensWalkThroughAllPagesAndEndWithNone() {
        Page<Integer> first = page(Map.of("MaxResults", "5"));
        assertEquals(List.of(0, 1, 2, 3, 4), first.items());
        Page<Integer> second = page(Map.of("MaxResults", "5", "NextToken", first.nextToken().orElseThrow()));
        assertEquals(List.of(5, 6, 7, 8, 9), second.items());
        Page<Integer> last = page(Map.of("MaxResults", "5", "NextToken", second.nextToken().orElseThrow()));
        assertEquals(List.of(10, 11), last.items());
        assertFalse(last.nextToken().isPresent());
        assertFalse(first.nextToken().orElseThrow().contains("5"), "the token is opaque, not the offset");
    }

    @Test
    void maxResultsOutsideTheActionsRangeIsInvalid() {
        assertInvalid(Map.of("MaxResults", "4"));
        assertInvalid(Map.of("MaxResults", "101"));
        assertInvalid(Map.of("MaxResults", "many"));
    }

    @Test
    void garbledOrForeignTokensAreInvalid() {
        assertInvalid(Map.of("NextToken", "not a token"));
        assertInvalid(Map.of("NextToken", "bGFidmlzb3I="));
        assertInvalid(Map.of("NextToken", Pager.tokenFor("DescribeImages", 5)));
        assertTrue(pager.read(Optional.empty(), Optional.of(Pager.tokenFor("DescribeInstanceTypes", 5))).paged());
    }

    private void assertInvalid(Map<String, String> params) {
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> page(params));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, e.code());
    }
}
