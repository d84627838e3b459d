package io.labvisor.operation.net;

import io.labvisor.ec2.Account;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import io.labvisor.ec2.Placement;
import io.labvisor.net.Cidr;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;
import io.labvisor.net.VpcService;
import io.labvisor.net.sg.IpPermission;
import io.labvisor.net.sg.SecurityGroup;
import io.labvisor.net.sg.SecurityGroupService;
import io.labvisor.operation.CreatedTags;
import io.labvisor.operation.Operation;
import io.labvisor.operation.Page;
import io.labvisor.operation.Paged;
import io.labvisor.operation.Pager;
import io.labvisor.operation.Returned;
import io.labvisor.operation.TagItem;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TaggedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.labvisor.operation.Operation.of;

/** VPCs, subnets and security groups with their rules. */
public final class NetOperations {
    private static final Pager VPCS = new Pager("DescribeVpcs", 5, 1000);
    private static final Pager SUBNETS = new Pager("DescribeSubnets", 5, 1000);
    private static final Pager GROUPS = new Pager("DescribeSecurityGroups", 5, 1000);
    /** labvisor has no DHCP option sets; EC2 names a VPC without one {@code default}. */
    private static final String DHCP_OPTIONS = "default";

    private final VpcService vpcs;
    private final SecurityGroupService groups;
    private final TagService tags;

    public NetOperations(VpcService vpcs, SecurityGroupService groups, TagService tags) {
        this.vpcs = vpcs;
        this.groups = groups;
        this.tags = tags;
    }

    public List<Operation<?, ?>> all() {
        return List.of(
                of("CreateVpc", NetRequests.CreateVpc.class, NetResponses.CreateVpc.class, this::createVpc),
                of("DescribeVpcs", NetRequests.DescribeVpcs.class, NetResponses.DescribeVpcs.class,
                        this::describeVpcs),
                of("DeleteVpc", NetRequests.DeleteVpc.class, Returned.class, this::deleteVpc),
                of("CreateSubnet", NetRequests.CreateSubnet.class, NetResponses.CreateSubnet.class,
                        this::createSubnet),
                of("DescribeSubnets", NetRequests.DescribeSubnets.class, NetResponses.DescribeSubnets.class,
                        this::describeSubnets),
                of("DeleteSubnet", NetRequests.DeleteSubnet.class, Returned.class, this::deleteSubnet),
                of("CreateSecurityGroup", NetRequests.CreateSecurityGroup.class,
                        NetResponses.CreateSecurityGroup.class, this::createGroup),
                of("DescribeSecurityGroups", NetRequests.DescribeSecurityGroups.class,
                        NetResponses.DescribeSecurityGroups.class, this::describeGroups),
                of("DeleteSecurityGroup", NetRequests.DeleteSecurityGroup.class,
                        NetResponses.DeleteSecurityGroup.class, this::deleteGroup),
                of("AuthorizeSecurityGroupIngress", NetRequests.IngressRules.class, NetResponses.RulesChanged.class,
                        q -> change(q, true, false)),
                of("RevokeSecurityGroupIngress", NetRequests.IngressRules.class, NetResponses.RulesChanged.class,
                        q -> change(q, false, false)),
                of("AuthorizeSecurityGroupEgress", NetRequests.EgressRules.class, NetResponses.RulesChanged.class,
                        q -> change(q.asRules(), true, true)),
                of("RevokeSecurityGroupEgress", NetRequests.EgressRules.class, NetResponses.RulesChanged.class,
                        q -> change(q.asRules(), false, true)));
    }

    private Operation.Prepared<NetResponses.CreateVpc> createVpc(NetRequests.CreateVpc q) {
        Cidr.parse(q.cidrBlock());
        if (q.instanceTenancy() != null && !q.instanceTenancy().equals("default")) {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "labvisor VPCs have default tenancy only");
        }
        if (Boolean.TRUE.equals(q.amazonProvidedIpv6CidrBlock())) {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "labvisor VPCs have no IPv6 block");
        }
        List<Tag> vpcTags = CreatedTags.only(q.tagSpecifications(), TaggedResource.VPC);
        return () -> {
            Vpc v = vpcs.createVpc(q.cidrBlock(), vpcTags);
            return new NetResponses.CreateVpc(vpc(v, tags.of(v.vpcId())));
        };
    }

    private Operation.Prepared<NetResponses.DescribeVpcs> describeVpcs(NetRequests.DescribeVpcs q) {
        Pager.Request paging = Paged.read(VPCS, q.maxResults(), q.nextToken(), q.vpcIds(), "VpcId");
        Page<Vpc> page = paging.page(vpcs.describeVpcs(q.vpcIds(), q.filters()));
        return () -> new NetResponses.DescribeVpcs(page.items().stream().map(v -> vpc(v, tags.of(v.vpcId()))).toList(),
                page.nextToken().orElse(null));
    }

    private Operation.Prepared<Returned> deleteVpc(NetRequests.DeleteVpc q) {
        vpcs.describeVpcs(List.of(q.vpcId()));
        return () -> {
            groups.deleteVpc(q.vpcId());
            return Returned.TRUE;
        };
    }

    private Operation.Prepared<NetResponses.CreateSubnet> createSubnet(NetRequests.CreateSubnet q) {
        if (q.availabilityZone() != null && !q.availabilityZone().equals(Placement.AVAILABILITY_ZONE)) {
            throw Ec2Exception.invalidParameter("Value (" + q.availabilityZone() + ") for parameter "
                    + "availabilityZone is invalid. Subnets can currently only be created in the following "
                    + "availability zones: " + Placement.AVAILABILITY_ZONE + ".");
        }
        List<Tag> subnetTags = CreatedTags.only(q.tagSpecifications(), TaggedResource.SUBNET);
        Cidr.parse(q.cidrBlock());
        vpcs.describeVpcs(List.of(q.vpcId()));
        return () -> new NetResponses.CreateSubnet(subnet(vpcs.createSubnet(q.vpcId(), q.cidrBlock(), subnetTags)));
    }

    private Operation.Prepared<NetResponses.DescribeSubnets> describeSubnets(NetRequests.DescribeSubnets q) {
        Pager.Request paging = Paged.read(SUBNETS, q.maxResults(), q.nextToken(), q.subnetIds(), "SubnetId");
        Page<Subnet> page = paging.page(vpcs.describeSubnets(q.subnetIds(), q.filters()));
        return () -> new NetResponses.DescribeSubnets(page.items().stream().map(this::subnet).toList(),
                page.nextToken().orElse(null));
    }

    private Operation.Prepared<Returned> deleteSubnet(NetRequests.DeleteSubnet q) {
        vpcs.describeSubnets(List.of(q.subnetId()));
        return () -> {
            vpcs.deleteSubnet(q.subnetId());
            return Returned.TRUE;
        };
    }

    private Operation.Prepared<NetResponses.CreateSecurityGroup> createGroup(NetRequests.CreateSecurityGroup q) {
        String vpcId = Optional.ofNullable(q.vpcId()).orElseGet(this::defaultVpc);
        List<Tag> groupTags = CreatedTags.only(q.tagSpecifications(), TaggedResource.SECURITY_GROUP);
        vpcs.describeVpcs(List.of(vpcId));
        return () -> {
            SecurityGroup g = groups.create(q.groupName(), q.description(), vpcId, groupTags);
            return new NetResponses.CreateSecurityGroup(true, g.groupId(), TagItem.of(tags.of(g.groupId())));
        };
    }

    private Operation.Prepared<NetResponses.DescribeSecurityGroups> describeGroups(
            NetRequests.DescribeSecurityGroups q) {
        List<Filter> filters = new ArrayList<>(q.filters());
        if (!q.groupNames().isEmpty()) {
            filters.add(new Filter("group-name", q.groupNames()));
        }
        List<String> given = new ArrayList<>(q.groupIds());
        given.addAll(q.groupNames());
        Pager.Request paging = Paged.read(GROUPS, q.maxResults(), q.nextToken(), given, "GroupId");
        List<SecurityGroupService.Described> found = groups.describe(q.groupIds(), filters);
        for (String name : q.groupNames()) {
            if (found.stream().noneMatch(d -> d.group().name().equals(name))) {
                throw new Ec2Exception(ErrorCode.INVALID_GROUP_NOT_FOUND, "The security group '" + name
                        + "' does not exist in default VPC");
            }
        }
        Page<SecurityGroupService.Described> page = paging.page(found);
        return () -> new NetResponses.DescribeSecurityGroups(page.items().stream().map(d -> group(d, tags.of(d.group().groupId()))).toList(),
                page.nextToken().orElse(null));
    }

    private Operation.Prepared<NetResponses.DeleteSecurityGroup> deleteGroup(NetRequests.DeleteSecurityGroup q) {
        String id = groupId(q.groupId(), q.groupName());
        groups.require(id);
        return () -> {
            groups.delete(id);
            return new NetResponses.DeleteSecurityGroup(true, id);
        };
    }

    private Operation.Prepared<NetResponses.RulesChanged> change(NetRequests.IngressRules q, boolean authorize,
                                                                 boolean egress) {
        String id = groupId(q.groupId(), q.groupName());
        List<IpPermission> rules = rules(q, id, this::byName);
        groups.checkRules(id, rules);
        return () -> {
            if (authorize) {
                groups.authorize(id, rules, egress);
            } else {
                groups.revoke(id, rules, egress);
            }
            return new NetResponses.RulesChanged(true);
        };
    }

    /**
     * IpPermissions, or one rule of the legacy flat form; not both.
     *
     * @param groupByName resolves a source group name beside {@code groupId} (in its VPC) to its id
     */
    static List<IpPermission> rules(NetRequests.IngressRules q, String groupId,
                                    java.util.function.BiFunction<String, String, String> groupByName) {
        List<IpPermission> rules = new ArrayList<>(q.ipPermissions());
        boolean flat = q.ipProtocol() != null || q.cidrIp() != null || q.sourceSecurityGroupName() != null;
        if (!flat) {
            if (rules.isEmpty()) {
                throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter "
                        + "IpPermissions");
            }
            return rules;
        }
        if (!rules.isEmpty()) {
            throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "IpPermissions cannot be combined with the flat IpProtocol/CidrIp parameters");
        }
        String protocol = Optional.ofNullable(q.ipProtocol()).orElse("-1");
        Optional<Integer> from = Optional.ofNullable(q.fromPort());
        Optional<Integer> to = Optional.ofNullable(q.toPort());
        if (q.cidrIp() != null) {
            rules.add(IpPermission.ofEc2(protocol, from, to, q.cidrIp(), null));
        }
        if (q.sourceSecurityGroupName() != null) {
            rules.add(IpPermission.ofEc2(protocol, from, to, null, groupByName.apply(groupId,
                    q.sourceSecurityGroupName())));
        }
        if (rules.isEmpty()) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must name a source: CidrIp or "
                    + "SourceSecurityGroupName");
        }
        return rules;
    }

    private String groupId(String id, String name) {
        if (id != null && !id.isEmpty()) {
            return id;
        }
        if (name == null || name.isEmpty()) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER,
                    "The request must contain the parameter GroupId or GroupName");
        }
        return byName(null, name);
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

    /** One VPC as EC2 shows it, with its tags. */
    public static NetResponses.Vpc vpc(Vpc v, List<Tag> vpcTags) {
        String cidr = v.cidr().toString();
        return new NetResponses.Vpc(v.vpcId(), Account.OWNER_ID, "available", cidr,
                List.of(new NetResponses.CidrAssociation("vpc-cidr-assoc-" + v.vpcId().substring("vpc-".length()),
                        cidr, new NetResponses.CidrBlockState("associated"))),
                DHCP_OPTIONS, "default", v.isDefault(), TagItem.of(vpcTags));
    }

    private NetResponses.Subnet subnet(Subnet s) {
        return subnet(s, vpcs.availableIpAddressCount(s), tags.of(s.subnetId()));
    }

    /** One subnet as EC2 shows it, with its free addresses and tags. */
    public static NetResponses.Subnet subnet(Subnet s, int availableIps, List<Tag> subnetTags) {
        return new NetResponses.Subnet(s.subnetId(), "available", s.vpcId(), s.cidr().toString(), availableIps,
                Placement.AVAILABILITY_ZONE, s.isDefault(), false, Account.OWNER_ID, TagItem.of(subnetTags),
                new NetResponses.SubnetLabvisor(s.network(), s.bridge()));
    }

    /** One security group as EC2 shows it, with its rules and tags. */
    public static NetResponses.SecurityGroup group(SecurityGroupService.Described d, List<Tag> groupTags) {
        SecurityGroup g = d.group();
        return new NetResponses.SecurityGroup(Account.OWNER_ID, g.groupId(), g.name(), g.description(), g.vpcId(),
                d.rules().stream().map(NetOperations::permission).toList(),
                d.egress().stream().map(NetOperations::permission).toList(), TagItem.of(groupTags));
    }

    public static NetResponses.IpPermission permission(IpPermission r) {
        Integer from = null;
        Integer to = null;
        if (r.fromPort() >= 0) {
            from = r.fromPort();
            to = r.toPort();
        } else if (r.protocol().equals("icmp")) {
            from = -1;
            to = -1;
        }
        return new NetResponses.IpPermission(r.protocol(), from, to,
                r.sourceGroupId().map(g -> List.of(new NetResponses.GroupPair(Account.OWNER_ID, g))).orElse(List.of()),
                r.cidr().map(c -> List.of(new NetResponses.IpRange(c.toString()))).orElse(List.of()),
                List.of(), List.of());
    }
}
