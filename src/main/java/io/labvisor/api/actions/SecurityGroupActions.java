package io.labvisor.api.actions;

import io.labvisor.api.query.Page;
import io.labvisor.api.query.Pager;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.NetXml;
import io.labvisor.api.xml.TagXml;
import io.labvisor.api.xml.XmlNode;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import io.labvisor.net.Vpc;
import io.labvisor.net.VpcService;
import io.labvisor.net.sg.IpPermission;
import io.labvisor.net.sg.SecurityGroup;
import io.labvisor.net.sg.SecurityGroupService;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TaggedResource;

import java.util.ArrayList;
import java.util.List;

/**
 * CreateSecurityGroup, DescribeSecurityGroups, DeleteSecurityGroup, Authorize/RevokeSecurityGroupIngress and
 * Authorize/RevokeSecurityGroupEgress over the {@link SecurityGroupService} the CLI uses.
 */
final class SecurityGroupActions {
    private static final Pager DESCRIBE = new Pager("DescribeSecurityGroups", 5, 1000);

    private final SecurityGroupService groups;
    private final VpcService vpcs;
    private final TagService tags;

    SecurityGroupActions(SecurityGroupService groups, VpcService vpcs, TagService tags) {
        this.groups = groups;
        this.vpcs = vpcs;
        this.tags = tags;
    }

    List<ActionHandler> handlers() {
        return List.of(new NamedAction("CreateSecurityGroup", this::create),
                new NamedAction("DescribeSecurityGroups", this::describe),
                new NamedAction("DeleteSecurityGroup", this::delete),
                new NamedAction("AuthorizeSecurityGroupIngress", q -> change(q, true, false)),
                new NamedAction("RevokeSecurityGroupIngress", q -> change(q, false, false)),
                new NamedAction("AuthorizeSecurityGroupEgress", q -> change(q, true, true)),
                new NamedAction("RevokeSecurityGroupEgress", q -> change(q, false, true)));
    }

    /** GroupName, GroupDescription, VpcId (the default VPC when absent, as EC2), TagSpecification.N. */
    private ActionHandler.Execution create(QueryRequest q) {
        String name = q.requiredString("GroupName");
        String description = q.requiredString("GroupDescription");
        String vpcId = q.string("VpcId").orElseGet(this::defaultVpc);
        List<Tag> groupTags = ApiTags.forOnly(q, TaggedResource.SECURITY_GROUP);
        vpcs.describeVpcs(List.of(vpcId));
        return out -> {
            SecurityGroup g = groups.create(name, description, vpcId, groupTags);
            out.text("return", true).text("groupId", g.groupId());
            TagXml.tagSet(out, tags.of(g.groupId()));
        };
    }

    /** GroupId.N, GroupName.N, Filter.N, MaxResults, NextToken. */
    private ActionHandler.Execution describe(QueryRequest q) {
        List<String> ids = q.list("GroupId");
        List<String> names = q.list("GroupName");
        List<Filter> filters = new ArrayList<>(q.filters());
        if (!names.isEmpty()) {
            filters.add(new Filter("group-name", names));
        }
        List<String> given = new ArrayList<>(ids);
        given.addAll(names);
        Pager.Request paging = Paged.read(DESCRIBE, q, given, "GroupId");
        List<SecurityGroupService.Described> found = groups.describe(ids, filters);
        for (String name : names) {
            if (found.stream().noneMatch(d -> d.group().name().equals(name))) {
                throw new Ec2Exception(ErrorCode.INVALID_GROUP_NOT_FOUND, "The security group '" + name
                        + "' does not exist in default VPC");
            }
        }
        Page<SecurityGroupService.Described> page = paging.page(found);
        return out -> {
            XmlNode set = out.child("securityGroupInfo");
            page.items().forEach(d -> NetXml.securityGroup(set.item(), d, tags.of(d.group().groupId())));
            page.nextToken().ifPresent(t -> out.text("nextToken", t));
        };
    }

    /** GroupId, or GroupName of a group in the default VPC. */
    private ActionHandler.Execution delete(QueryRequest q) {
        String id = groupId(q);
        groups.require(id);
        return out -> {
            groups.delete(id);
            out.text("return", true).text("groupId", id);
        };
    }

    /** Egress takes GroupId only, as EC2; the peer of an outbound permission is its destination. */
    private ActionHandler.Execution change(QueryRequest q, boolean authorize, boolean egress) {
        String id = egress ? q.requiredString("GroupId") : groupId(q);
        List<IpPermission> rules = IpPermissions.read(q, this::byName, id);
        groups.checkRules(id, rules);
        return out -> {
            if (authorize) {
                groups.authorize(id, rules, egress);
            } else {
                groups.revoke(id, rules, egress);
            }
            out.text("return", true);
        };
    }

    private String groupId(QueryRequest q) {
        var id = q.string("GroupId").filter(s -> !s.isEmpty());
        var name = q.string("GroupName").filter(s -> !s.isEmpty());
        if (id.isPresent()) {
            return id.get();
        }
        return byName(null, name.orElseThrow(() -> new Ec2Exception(ErrorCode.MISSING_PARAMETER,
                "The request must contain the parameter GroupId or GroupName")));
    }

    /** The id of group {@code name} in the VPC of {@code besideGroupId} (the default VPC when null). */
    private String byName(String besideGroupId, String name) {
        String vpcId = besideGroupId == null ? defaultVpc() : groups.require(besideGroupId).vpcId();
        return groups.describe(List.of(), List.of(new Filter("group-name", List.of(name)),
                        new Filter("vpc-id", List.of(vpcId)))).stream()
                .map(d -> d.group().groupId()).findFirst()
                .orElseThrow(() -> new Ec2Exception(ErrorCode.INVALID_GROUP_NOT_FOUND, "The security group '" + name
                        + "' does not exist in VPC '" + vpcId + "'"));
    }

    private String defaultVpc() {
        return vpcs.describeVpcs(List.of()).stream().filter(Vpc::isDefault).map(Vpc::vpcId).findFirst()
                .orElseThrow(() -> new Ec2Exception(ErrorCode.INTERNAL_ERROR, "no default VPC"));
    }
}
