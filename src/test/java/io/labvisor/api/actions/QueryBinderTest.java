package io.labvisor.api.actions;

import io.labvisor.api.query.FormParams;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.Filter;
import io.labvisor.operation.instance.InstanceRequests;
import io.labvisor.operation.tag.TagRequests;
import io.labvisor.operation.volume.VolumeRequests;
import io.labvisor.tag.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Query parameters bound to typed requests under the names of their tables. */
class QueryBinderTest {
    private static QueryRequest form(String body) {
        return QueryRequest.of(FormParams.decode(body));
    }

    @Test
    void numberedListsFiltersAndPaging() {
        QueryRequest q = form("VolumeId.1=vol-1&VolumeId.2=vol-2&Filter.1.Name=status&Filter.1.Value.1=available"
                + "&MaxResults=6&NextToken=abc");
        VolumeRequests.DescribeVolumes r = QueryBinder.bind(VolumeRequests.DescribeVolumes.class, q);
        assertEquals(new VolumeRequests.DescribeVolumes(List.of("vol-1", "vol-2"),
                List.of(new Filter("status", List.of("available"))), 6, "abc"), r);
        q.rejectUnread();
    }

    @Test
    void userDataIsBase64OnTheWireAndCountsAreRequired() {
        InstanceRequests.RunInstances r = QueryBinder.bind(InstanceRequests.RunInstances.class,
                form("ImageId=ami-1&MinCount=1&MaxCount=2&UserData=IyEvYmluL3NoCmVjaG8gaGkK&SecurityGroupId.1=sg-1"));
        assertEquals("#!/bin/sh\necho hi\n", r.userData());
        assertEquals(List.of("sg-1"), r.securityGroupIds());
        assertNull(r.instanceType());
        assertEquals("InvalidParameterValue", assertThrows(Ec2Exception.class, () -> QueryBinder.bind(
                InstanceRequests.RunInstances.class, form("ImageId=ami-1&MinCount=1&MaxCount=1&UserData=not%20base64!")))
                .code().code());
        assertEquals("MissingParameter", assertThrows(Ec2Exception.class, () -> QueryBinder.bind(
                InstanceRequests.RunInstances.class, form("ImageId=ami-1&MinCount=1"))).code().code());
    }

    @Test
    void requiredListsAndStructuredTags() {
        assertEquals("MissingParameter", assertThrows(Ec2Exception.class, () -> QueryBinder.bind(
                InstanceRequests.StopInstances.class, form("Force=true"))).code().code());
        TagRequests.CreateTags r = QueryBinder.bind(TagRequests.CreateTags.class,
                form("ResourceId.1=vol-1&Tag.1.Key=Name&Tag.1.Value=web&Tag.2.Key=empty"));
        assertEquals(List.of(new Tag("Name", "web"), new Tag("empty", "")), r.tags());
    }

    @Test
    void whatNoMemberNamesStaysUnreadAndIsRefused() {
        QueryRequest q = form("InstanceId.1=i-1&Hibernate=false&Bogus=1");
        InstanceRequests.StopInstances r = QueryBinder.bind(InstanceRequests.StopInstances.class, q);
        assertEquals(false, r.hibernate());
        assertEquals("UnknownParameter", assertThrows(Ec2Exception.class, q::rejectUnread).code().code());
    }
}
