package io.labvisor.net.sg;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.ResourceId;
import io.labvisor.net.VpcService;
import io.labvisor.store.Database;
import io.labvisor.store.Settings;
import io.labvisor.ec2.Filter;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagFilters;
import io.labvisor.tag.TagRules;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TaggedResource;
import io.labvisor.virt.LibvirtHost;
import io.labvisor.virtxml.NwFilterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * CreateSecurityGroup, DescribeSecurityGroups, Authorize/RevokeSecurityGroupIngress and -Egress,
 * DeleteSecurityGroup, and the membership of instances. After every change the VPC's group filters are defined again from the rows, so
 * running instances get the new rules (libvirt re-instantiates redefined filters on their NICs).
 */
public final class SecurityGroupService {
    private static final Logger log = LoggerFactory.getLogger(SecurityGroupService.class);
    static final String DEFAULT_NAME = "default";

    private final Database db;
    private final LibvirtHost libvirt;
    private final VpcService vpcs;
    private final TagService tags;

    public SecurityGroupService(Database db, LibvirtHost libvirt, VpcService vpcs, TagService tags) {
        this.tags = tags;
        this.db = db;
        this.libvirt = libvirt;
        this.vpcs = vpcs;
    }

    public SecurityGroup create(String name, String description, String vpcId) {
        return create(name, description, vpcId, List.of());
    }

    public SecurityGroup create(String name, String description, String vpcId, List<Tag> groupTags) {
        TagRules.check(groupTags);
        if (name == null || name.isBlank() || name.length() > 255 || name.startsWith("sg-")) {
            throw Ec2Exception.invalidParameter("Invalid group name '" + name + "'");
        }
        vpcs.describeVpcs(List.of(vpcId));
        SecurityGroup g = new SecurityGroup(ResourceId.SECURITY_GROUP.next(), name, description == null ? "" : description,
                vpcId, false);
        db.write(c -> {
            ensureDefault(c, vpcId);
            if (SecurityGroupRepository.groups(c).stream().anyMatch(x -> x.vpcId().equals(vpcId) && x.name().equals(name))) {
                throw new Ec2Exception(ErrorCode.INVALID_GROUP_DUPLICATE,
                        "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
            }
            SecurityGroupRepository.insert(c, g);
            SecurityGroupRepository.addRule(c, g.groupId(), IpPermission.allToAnywhere(), true);
        });
        tags.tagNew(TaggedResource.SECURITY_GROUP, List.of(g.groupId()), groupTags);
        sync(vpcId);
        return g;
    }

    /** Groups with their rules; every VPC's default group exists once described. */
    public List<Described> describe(List<String> ids) {
        return describe(ids, List.of());
    }

    /** Filters: group-id, group-name, vpc-id, description, owner-id, and the tag filters. */
    public List<Described> describe(List<String> ids, List<Filter> filters) {
        List<Filter> own = TagFilters.withoutTags(filters);
        List<Described> found = describeAll(ids).stream().filter(d -> own.stream().allMatch(f -> f.matchesAny(
                List.of(switch (f.name()) {
                    case "group-id" -> d.group().groupId();
                    case "group-name" -> d.group().name();
                    case "vpc-id" -> d.group().vpcId();
                    case "description" -> d.group().description();
                    case "owner-id" -> io.labvisor.ec2.Account.OWNER_ID;
                    default -> throw Ec2Exception.invalidParameter("The filter '" + f.name() + "' is invalid");
                })))).toList();
        return tags.filter(found, d -> d.group().groupId(), filters);
    }

    private List<Described> describeAll(List<String> ids) {
        return db.inTransaction(c -> {
            for (var v : vpcs.describeVpcs(List.of())) {
                ensureDefault(c, v.vpcId());
            }
            List<SecurityGroup> all = SecurityGroupRepository.groups(c);
            for (String id : ids) {
                if (all.stream().noneMatch(g -> g.groupId().equals(id))) {
                    throw notFound(id);
                }
            }
            List<Described> out = new java.util.ArrayList<>();
            for (SecurityGroup g : all) {
                if (ids.isEmpty() || ids.contains(g.groupId())) {
                    out.add(new Described(g, SecurityGroupRepository.rules(c, g.groupId(), false),
                            SecurityGroupRepository.rules(c, g.groupId(), true)));
                }
            }
            return out;
        });
    }

    /** A group with its inbound ({@code rules}) and outbound ({@code egress}) permissions. */
    public record Described(SecurityGroup group, List<IpPermission> rules, List<IpPermission> egress) {
    }

    public void authorize(String groupId, IpPermission rule) {
        authorize(groupId, List.of(rule));
    }

    public void authorize(String groupId, List<IpPermission> rules) {
        authorize(groupId, rules, false);
    }

    public void authorizeEgress(String groupId, List<IpPermission> rules) {
        authorize(groupId, rules, true);
    }

    public void revokeEgress(String groupId, List<IpPermission> rules) {
        revoke(groupId, rules, true);
    }

    /** Adds every rule or none: a rule that exists already (or is given twice) refuses the whole request. */
    public void authorize(String groupId, List<IpPermission> rules, boolean egress) {
        SecurityGroup g = checkRules(groupId, rules);
        db.write(c -> {
            List<IpPermission> existing = SecurityGroupRepository.rules(c, groupId, egress);
            if (rules.stream().anyMatch(existing::contains) || new java.util.HashSet<>(rules).size() < rules.size()) {
                throw new Ec2Exception(ErrorCode.INVALID_PERMISSION_DUPLICATE, "the specified rule already exists");
            }
            for (IpPermission r : rules) {
                SecurityGroupRepository.addRule(c, groupId, r, egress);
            }
        });
        sync(g.vpcId());
    }

    public void revoke(String groupId, IpPermission rule) {
        revoke(groupId, List.of(rule));
    }

    public void revoke(String groupId, List<IpPermission> rules) {
        revoke(groupId, rules, false);
    }

    /** Removes every rule or none: a rule the group does not have refuses the whole request. */
    public void revoke(String groupId, List<IpPermission> rules, boolean egress) {
        SecurityGroup g = checkRules(groupId, rules);
        db.write(c -> {
            List<IpPermission> existing = SecurityGroupRepository.rules(c, groupId, egress);
            if (!existing.containsAll(rules)) {
                throw new Ec2Exception(ErrorCode.INVALID_PERMISSION_NOT_FOUND,
                        "The specified rule does not exist in this security group.");
            }
            for (IpPermission r : rules) {
                SecurityGroupRepository.removeRule(c, groupId, r, egress);
            }
        });
        sync(g.vpcId());
    }

    /** The group exists, so do the groups its rules name, and there is at least one rule (for DryRun too). */
    public SecurityGroup checkRules(String groupId, List<IpPermission> rules) {
        SecurityGroup g = require(groupId);
        if (rules.isEmpty()) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter ipPermissions");
        }
        rules.forEach(r -> r.sourceGroupId().ifPresent(this::require));
        return g;
    }

    public void delete(String groupId) {
        SecurityGroup g = require(groupId);
        db.write(c -> {
            if (g.isDefault()) {
                throw new Ec2Exception(ErrorCode.CANNOT_DELETE, "the default security group cannot be deleted");
            }
            // its own rules naming itself do not hold it (as EC2): they go with it
            boolean referenced = SecurityGroupRepository.groups(c).stream()
                    .filter(x -> !x.groupId().equals(groupId)).anyMatch(x -> {
                try {
                    return java.util.stream.Stream.concat(SecurityGroupRepository.rules(c, x.groupId(), false).stream(),
                                    SecurityGroupRepository.rules(c, x.groupId(), true).stream())
                            .anyMatch(r -> r.sourceGroupId().filter(groupId::equals).isPresent());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (referenced || SecurityGroupRepository.memberCount(c, groupId) > 0) {
                throw new Ec2Exception(ErrorCode.DEPENDENCY_VIOLATION, "resource " + groupId + " has a dependent object");
            }
            SecurityGroupRepository.deleteGroup(c, groupId);
        });
        libvirt.nwfilters().undefine(SecurityGroupFilters.groupFilter(groupId));
        tags.removeAll(groupId);
    }

    /** The groups a launch into {@code vpcId} joins: the named ones (all in that VPC) or the default group. */
    public List<String> forLaunch(String vpcId, List<String> groupIds) {
        return db.inTransaction(c -> {
            SecurityGroup dflt = ensureDefault(c, vpcId);
            if (groupIds.isEmpty()) {
                return List.of(dflt.groupId());
            }
            List<SecurityGroup> all = SecurityGroupRepository.groups(c);
            for (String id : groupIds) {
                SecurityGroup g = all.stream().filter(x -> x.groupId().equals(id)).findFirst().orElseThrow(() -> notFound(id));
                if (!g.vpcId().equals(vpcId)) {
                    throw new Ec2Exception(ErrorCode.INVALID_PARAMETER, "Security group " + id
                            + " and subnet belong to different networks.");
                }
            }
            return List.copyOf(new java.util.LinkedHashSet<>(groupIds));
        });
    }

    /** Makes the instance's NIC filter and refreshes its VPC's group filters (its address is a new member). */
    public void admit(String instanceId, String vpcId) {
        sync(vpcId);
        List<String> groups = db.read(c -> SecurityGroupRepository.groupsOf(c, instanceId));
        libvirt.nwfilters().define(SecurityGroupFilters.eni(instanceId, groups));
    }

    /** After the instance's domain is gone: its filter and memberships go, and the group filters shrink. */
    public void release(String instanceId, String vpcId) {
        try {
            libvirt.nwfilters().undefine(SecurityGroupFilters.eniFilter(instanceId));
        } catch (RuntimeException e) {
            log.warn("nwfilter of {} not removed: {}", instanceId, e.getMessage());
        }
        db.write(c -> SecurityGroupRepository.detach(c, instanceId));
        sync(vpcId);
    }

    public List<String> groupsOf(String instanceId) {
        return db.read(c -> SecurityGroupRepository.groupsOf(c, instanceId));
    }

    /** Defines every group filter of the VPC from the rows (source-group rules expand to member addresses). */
    public void sync(String vpcId) {
        List<NwFilterSpec> specs = db.read(c -> {
            List<NwFilterSpec> out = new java.util.ArrayList<>();
            for (SecurityGroup g : SecurityGroupRepository.groups(c)) {
                if (g.vpcId().equals(vpcId)) {
                    List<IpPermission> rules = SecurityGroupRepository.rules(c, g.groupId(), false);
                    List<IpPermission> egress = SecurityGroupRepository.rules(c, g.groupId(), true);
                    java.util.Map<String, List<String>> members = new java.util.HashMap<>();
                    for (IpPermission r : java.util.stream.Stream.concat(rules.stream(), egress.stream()).toList()) {
                        if (r.sourceGroupId().isPresent()) {
                            members.put(r.sourceGroupId().get(), SecurityGroupRepository.memberIps(c, r.sourceGroupId().get()));
                        }
                    }
                    out.add(SecurityGroupFilters.group(g.groupId(), rules, egress, members::get));
                }
            }
            return out;
        });
        specs.forEach(libvirt.nwfilters()::define);
    }

    /**
     * Once per state: defines the instance filter of every live instance again. One defined before outbound rules
     * existed accepted all outbound traffic itself and would let it pass whatever the groups say; an instance's
     * filter is otherwise only made at launch ({@link #admit}), as its groups never change.
     */
    public void upgradeInstanceFilters(Settings settings) {
        if (settings.get(ENI_FILTER_VERSION_KEY).filter(ENI_FILTER_VERSION::equals).isPresent()) {
            return;
        }
        db.read(SecurityGroupRepository::liveInstances)
                .forEach((instanceId, groups) -> libvirt.nwfilters().define(SecurityGroupFilters.eni(instanceId, groups)));
        settings.put(ENI_FILTER_VERSION_KEY, ENI_FILTER_VERSION);
    }

    /** Bumped when the instance filter's rules change in a way running instances must get. 2: outbound rules. */
    static final String ENI_FILTER_VERSION = "2";
    static final String ENI_FILTER_VERSION_KEY = "eni-filter-version";

    /** DeleteVpc: the VPC (refused while it has subnets or groups other than its default) and its default group. */
    public void deleteVpc(String vpcId) {
        List<String> groups = db.read(c -> SecurityGroupRepository.groups(c)).stream()
                .filter(g -> g.vpcId().equals(vpcId)).map(SecurityGroup::groupId).toList();
        vpcs.deleteVpc(vpcId);
        groups.forEach(id -> libvirt.nwfilters().undefine(SecurityGroupFilters.groupFilter(id)));
        groups.forEach(tags::removeAll);
    }

    private SecurityGroup ensureDefault(Connection c, String vpcId) throws SQLException {
        var existing = SecurityGroupRepository.groups(c).stream()
                .filter(g -> g.vpcId().equals(vpcId) && g.isDefault()).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        SecurityGroup g = new SecurityGroup(ResourceId.SECURITY_GROUP.next(), DEFAULT_NAME, "default VPC security group",
                vpcId, true);
        SecurityGroupRepository.insert(c, g);
        SecurityGroupRepository.addRule(c, g.groupId(), IpPermission.allFrom(g.groupId()), false);
        SecurityGroupRepository.addRule(c, g.groupId(), IpPermission.allToAnywhere(), true);
        return g;
    }

    public boolean exists(String groupId) {
        return db.read(c -> SecurityGroupRepository.groups(c)).stream().anyMatch(g -> g.groupId().equals(groupId));
    }

    public SecurityGroup require(String groupId) {
        return db.read(c -> SecurityGroupRepository.groups(c)).stream().filter(g -> g.groupId().equals(groupId))
                .findFirst().orElseThrow(() -> notFound(groupId));
    }

    private static Ec2Exception notFound(String id) {
        return new Ec2Exception(ErrorCode.INVALID_GROUP_NOT_FOUND, "The security group '" + id + "' does not exist");
    }
}
