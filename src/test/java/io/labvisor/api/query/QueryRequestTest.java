package io.labvisor.api.query;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryRequestTest {

    private static QueryRequest form(String body) {
        return QueryRequest.of(FormParams.decode(body));
    }

    @Test
    void aMebibyteOfFiltersParsesInLinearTime() {
        StringBuilder body = new StringBuilder("Action=DescribeInstances&Version=2016-11-15");
        int n = 0;
        while (body.length() < (1 << 20) - 64) {
            n++;
            body.append("&Filter.").append(n).append(".Name=t&Filter.").append(n).append(".Value.1=v");
        }
        int filters = n;
        assertTrue(filters > 24_000, "filters: " + filters);
        // one scan of every parameter per filter took over a minute here; with the index built once it takes about
        // 0.2 s warm, 0.7 s on a cold JVM sharing two cores: the bound leaves room for a busy machine
        List<Filter> parsed = assertTimeoutPreemptively(Duration.ofSeconds(3),
                () -> form(body.toString()).filters());
        assertEquals(filters, parsed.size());
        assertEquals(new Filter("t", List.of("v")), parsed.get(filters - 1));
    }

    @Test
    void overlongParameterNamesAreRefused() {
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> form("a" + ".1".repeat(200) + "=x"));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, e.code());
    }

    @Test
    void nestedListsAreFoundAtEveryLevel() {
        QueryRequest q = form("IpPermissions.2.IpRanges.3.CidrIp=c&IpPermissions.1.FromPort=1&IpPermissions.2.IpRanges.1.CidrIp=a");
        assertEquals(List.of(1, 2), q.indexes("IpPermissions"));
        assertEquals(List.of(1, 3), q.indexes("IpPermissions.2.IpRanges"));
        assertEquals(List.of(), q.indexes("IpPermissions.1.IpRanges"));
    }

    @Test
    void numberedListsComeInIndexOrderNotTextOrder() {
        QueryRequest q = form("InstanceId.10=i-c&InstanceId.2=i-b&InstanceId.1=i-a");
        assertEquals(List.of("i-a", "i-b", "i-c"), q.list("InstanceId"));
        assertEquals(List.of(), q.list("ImageId"));
    }

    @Test
    void listsDoNotSwallowDeeperParameters() {
        QueryRequest q = form("Filter.1.Name=x&Filter.1.Value.1=y");
        assertEquals(List.of(), q.list("Filter"));
    }

    @Test
    void filtersPairNamesWithTheirValues() {
        QueryRequest q = form("Filter.1.Name=instance-type&Filter.1.Value.1=t3.*&Filter.1.Value.2=c5.large"
                + "&Filter.2.Name=instance-state-name&Filter.2.Value.1=running");
        assertEquals(List.of(new Filter("instance-type", List.of("t3.*", "c5.large")),
                new Filter("instance-state-name", List.of("running"))), q.filters());
        assertEquals(List.of(), q.unread());
    }

    @Test
    void aFilterWithoutNameOrValuesIsMissingAParameter() {
        Ec2Exception noValue = assertThrows(Ec2Exception.class, () -> form("Filter.1.Name=x").filters());
        assertEquals(ErrorCode.MISSING_PARAMETER, noValue.code());
        assertTrue(noValue.getMessage().contains("Filter.1.Value.1"), noValue.getMessage());
        Ec2Exception noName = assertThrows(Ec2Exception.class, () -> form("Filter.1.Value.1=x").filters());
        assertEquals(ErrorCode.MISSING_PARAMETER, noName.code());
    }

    @Test
    void tagSpecificationsCarryResourceTypeAndTags() {
        QueryRequest q = form("TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name"
                + "&TagSpecification.1.Tag.1.Value=web+1&TagSpecification.1.Tag.2.Key=empty"
                + "&TagSpecification.2.ResourceType=volume&TagSpecification.2.Tag.1.Key=team&TagSpecification.2.Tag.1.Value=lab");
        assertEquals(List.of(
                new TagSpecification("instance", List.of(new TagSpecification.Tag("Name", "web 1"),
                        new TagSpecification.Tag("empty", ""))),
                new TagSpecification("volume", List.of(new TagSpecification.Tag("team", "lab")))),
                q.tagSpecifications());
        assertEquals(List.of(), q.unread());
    }

    @Test
    void aTagWithoutKeyIsMissingAParameter() {
        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> form("TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Value=v").tagSpecifications());
        assertEquals(ErrorCode.MISSING_PARAMETER, e.code());
    }

    @Test
    void scalarsAreTyped() {
        QueryRequest q = form("MinCount=2&DryRun=true&Latest=false&Name=");
        assertEquals(2, q.requiredInteger("MinCount"));
        assertTrue(q.dryRun());
        assertFalse(q.bool("Latest", true));
        assertTrue(q.bool("Absent", true));
        assertEquals(Optional.of(""), q.string("Name"));
        assertEquals(ErrorCode.MISSING_PARAMETER, assertThrows(Ec2Exception.class, () -> q.requiredString("Name")).code());
        assertEquals(ErrorCode.MISSING_PARAMETER, assertThrows(Ec2Exception.class, () -> q.requiredInteger("MaxCount")).code());
    }

    @Test
    void badScalarsAreInvalidParameterValues() {
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE,
                assertThrows(Ec2Exception.class, () -> form("MinCount=two").integer("MinCount")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE,
                assertThrows(Ec2Exception.class, () -> form("DryRun=yes").dryRun()).code());
    }

    @Test
    void parametersNoGetterReadAreReportedAsUnknown() {
        QueryRequest q = form("Action=RunInstances&ImageId=ami-1&UserData=abc");
        q.string("Action");
        q.string("ImageId");
        assertEquals(List.of("UserData"), q.unread());
        Ec2Exception e = assertThrows(Ec2Exception.class, q::rejectUnread);
        assertEquals(ErrorCode.UNKNOWN_PARAMETER, e.code());
        assertTrue(e.getMessage().contains("UserData"));
    }

    @Test
    void formDecodingHandlesPlusEscapesAndRepeats() {
        assertEquals(Map.of("a", "x y", "b", "1+2", "c", ""), FormParams.decode("a=x+y&b=1%2B2&c"));
        assertEquals(Map.of("ü", "é"), FormParams.decode("%C3%BC=%C3%A9"));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE,
                assertThrows(Ec2Exception.class, () -> FormParams.decode("a=1&a=2")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE,
                assertThrows(Ec2Exception.class, () -> FormParams.decode("a=%zz")).code());
    }
}
