package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.net.sg.IpPermission;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of Authorize/RevokeSecurityGroupIngress and -Egress in EC2's {@code IpPermissions.N.*} form (IpProtocol,
 * FromPort, ToPort, IpRanges.M.CidrIp, Groups.M.GroupId; the legacy flat form is members of the request). One
 * permission with several sources is one labvisor rule per source. Anything else of EC2's (IPv6 ranges, prefix
 * lists, descriptions) stays unread and is refused as UnknownParameter.
 */
final class IpPermissions {
    private IpPermissions() {
    }

    static List<IpPermission> read(QueryRequest q) {
        List<IpPermission> rules = new ArrayList<>();
        for (int n : q.indexes("IpPermissions")) {
            String p = "IpPermissions." + n + ".";
            String protocol = q.requiredString(p + "IpProtocol");
            Optional<Integer> from = q.integer(p + "FromPort");
            Optional<Integer> to = q.integer(p + "ToPort");
            List<String> cidrs = new ArrayList<>();
            for (int m : q.indexes(p + "IpRanges")) {
                cidrs.add(q.requiredString(p + "IpRanges." + m + ".CidrIp"));
            }
            List<String> groups = new ArrayList<>();
            for (int m : q.indexes(p + "Groups")) {
                groups.add(q.requiredString(p + "Groups." + m + ".GroupId"));
            }
            if (cidrs.isEmpty() && groups.isEmpty()) {
                throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The permission " + n
                        + " must name a source: IpRanges or Groups");
            }
            cidrs.forEach(c -> rules.add(IpPermission.ofEc2(protocol, from, to, c, null)));
            groups.forEach(g -> rules.add(IpPermission.ofEc2(protocol, from, to, null, g)));
        }
        return rules;
    }
}
