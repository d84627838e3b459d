package io.labvisor.api.actions;

import io.labvisor.api.query.FormParams;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.net.sg.IpPermission;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Authorize/RevokeSecurityGroupIngress parameters: the IpPermissions.N form and what is refused. */
class IpPermissionsTest {
    private static final String SG = "sg-0123456789abcdef0";
    private static final String OTHER = "sg-0fedcba9876543210";

    private static QueryRequest form(String body) {
        return QueryRequest.of(FormParams.decode(body));
    }

    private static List<IpPermission> read(QueryRequest q) {
        return IpPermissions.read(q);
    }

    @Test
    void ipPermissionsWithSeveralSourcesAreOneRulePerSource() {
        QueryRequest q = form("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=80&IpPermissions.1.ToPort=81"
                + "&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0%2F16&IpPermissions.1.IpRanges.2.CidrIp=10.1.0.0%2F24"
                + "&IpPermissions.1.Groups.1.GroupId=" + OTHER
                + "&IpPermissions.2.IpProtocol=1&IpPermissions.2.FromPort=-1&IpPermissions.2.ToPort=-1"
                + "&IpPermissions.2.Groups.1.GroupId=" + SG);
        assertEquals(List.of(IpPermission.parse("tcp", "80-81", "10.0.0.0/16", null),
                IpPermission.parse("tcp", "80-81", "10.1.0.0/24", null),
                IpPermission.parse("tcp", "80-81", null, OTHER),
                IpPermission.parse("icmp", null, null, SG)), read(q));
        q.rejectUnread();
    }

    @Test
    void whatLabvisorCannotHonourIsRefusedNotDropped() {
        QueryRequest ipv6 = form("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=22"
                + "&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0%2F8&IpPermissions.1.Ipv6Ranges.1.CidrIpv6=%3A%3A%2F0");
        read(ipv6);
        assertEquals("UnknownParameter", assertThrows(Ec2Exception.class, ipv6::rejectUnread).code().code());
        assertEquals("UnsupportedOperation", code(form("IpPermissions.1.IpProtocol=icmp&IpPermissions.1.FromPort=8"
                + "&IpPermissions.1.ToPort=0&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0%2F8")));
        assertEquals("MissingParameter", code(form("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.IpRanges.1.CidrIp="
                + "10.0.0.0%2F8")));
        assertEquals("MissingParameter", code(form("IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=1"
                + "&IpPermissions.1.ToPort=2")));
        assertEquals("InvalidParameterValue", code(form("IpPermissions.1.IpProtocol=gre"
                + "&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0%2F8")));
    }

    private static String code(QueryRequest q) {
        return assertThrows(Ec2Exception.class, () -> read(q)).code().code();
    }
}
