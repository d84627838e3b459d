package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.net.sg.IpPermission;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The rules of Authorize/RevokeSecurityGroupIngress and -Egress: EC2's {@code IpPermissions.N.*} form (IpProtocol, FromPort,
 * ToPort, IpRanges.M.CidrIp, Groups.M.GroupId) and the legacy flat form (IpProtocol, FromPort, ToPort, CidrIp,
 * SourceSecurityGroupName). One permission with several sources is one labvisor rule per source. Anything else of
 * EC2's (IPv6 ranges, prefix lists, descriptions) stays unread and is refused as UnknownParameter.
 */
final class IpPermissions {
    private IpPermissions() {
    }

    /**
     * @param groupByName resolves a source group name (legacy form) in the target group's VPC to its id
     */
    static List<IpPermission> read(QueryRequest q, BiFunction<String, String, String> groupByName, String groupId) {
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
        Optional<String> flatProtocol = q.string("IpProtocol");
        Optional<String> cidr = q.string("CidrIp");
        Optional<String> sourceName = q.string("SourceSecurityGroupName");
        q.string("SourceSecurityGroupOwnerId"); // one account: always this one
        if (flatProtocol.isPresent() || cidr.isPresent() || sourceName.isPresent()) {
            if (!rules.isEmpty()) {
                throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "IpPermissions cannot be combined with the flat IpProtocol/CidrIp parameters");
            }
            Optional<Integer> from = q.integer("FromPort");
            Optional<Integer> to = q.integer("ToPort");
            String protocol = flatProtocol.orElse("-1");
            cidr.ifPresent(c -> rules.add(IpPermission.ofEc2(protocol, from, to, c, null)));
            sourceName.ifPresent(name -> rules.add(IpPermission.ofEc2(protocol, from, to, null, groupByName.apply(groupId, name))));
            if (rules.isEmpty()) {
                throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must name a source: CidrIp or "
                        + "SourceSecurityGroupName");
            }
        }
        return rules;
    }
}
