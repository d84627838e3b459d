package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.net.sg.IpPermission;
import io.labvisor.net.sg.SecurityGroupService;
import io.labvisor.cli.output.TagShapes;
import io.labvisor.tag.TaggedResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The security group verbs: thin wrappers over {@link SecurityGroupService}. */
final class SecurityGroupCommands {
    private SecurityGroupCommands() {
    }

    @Command(name = "create-security-group", description = "Create a security group in a VPC.")
    static final class Create extends Ec2Command {
        @Option(names = "--group-name", required = true)
        String name;

        @Option(names = "--description", required = true)
        String description;

        @Option(names = "--vpc-id", required = true)
        String vpcId;

        @Option(names = "--tag-specifications", arity = "1..*",
                description = "ResourceType=security-group,Tags=[{Key=k,Value=v},...] (or JSON)")
        List<String> tagSpecifications;

        @Override
        String operation() {
            return "CreateSecurityGroup";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            ObjectNode root = Shapes.object();
            String id = labvisor.securityGroups().create(name, description, vpcId,
                    TagArguments.forOnly(tagSpecifications, TaggedResource.SECURITY_GROUP)).groupId();
            root.put("GroupId", id);
            TagShapes.put(root, labvisor.tags().of(id));
            return root;
        }
    }

    @Command(name = "describe-security-groups", description = "List security groups with their inbound and outbound rules.")
    static final class Describe extends Ec2Command {
        @Option(names = "--group-ids", arity = "1..*")
        List<String> ids = new ArrayList<>();

        @Option(names = "--filters", arity = "1..*", description = "group-id, group-name, vpc-id, tag:<key>, tag-key")
        List<String> filters;

        @Override
        String operation() {
            return "DescribeSecurityGroups";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            ObjectNode root = Shapes.object();
            ArrayNode list = root.putArray("SecurityGroups");
            for (SecurityGroupService.Described d : labvisor.securityGroups().describe(ids, Filters.parse(filters))) {
                ObjectNode g = list.addObject();
                g.put("Description", d.group().description());
                g.put("GroupName", d.group().name());
                g.put("GroupId", d.group().groupId());
                g.put("OwnerId", Shapes.OWNER_ID);
                g.put("VpcId", d.group().vpcId());
                permissions(g.putArray("IpPermissions"), d.rules());
                permissions(g.putArray("IpPermissionsEgress"), d.egress());
                TagShapes.put(g, labvisor.tags().of(d.group().groupId()));
            }
            return root;
        }

        private static void permissions(ArrayNode perms, List<IpPermission> rules) {
            for (IpPermission r : rules) {
                ObjectNode p = perms.addObject();
                p.put("IpProtocol", r.protocol());
                if (r.fromPort() >= 0) {
                    p.put("FromPort", r.fromPort());
                    p.put("ToPort", r.toPort());
                }
                ArrayNode ranges = p.putArray("IpRanges");
                r.cidr().ifPresent(c -> ranges.addObject().put("CidrIp", c.toString()));
                ArrayNode pairs = p.putArray("UserIdGroupPairs");
                r.sourceGroupId().ifPresent(s -> pairs.addObject().put("GroupId", s).put("UserId", Shapes.OWNER_ID));
            }
        }
    }

    /**
     * The rules of a change: either {@code --ip-permissions} (the AWS CLI's shorthand or JSON, see
     * {@link IpPermissionArguments}) or one rule from {@code --protocol}, {@code --port} and one of {@code --cidr} /
     * {@code --source-group}, as the AWS CLI's shorthand options. For egress the address block or group is the
     * destination.
     */
    abstract static class RuleCommand extends Ec2Command {
        @Option(names = "--group-id", required = true)
        String groupId;

        @Option(names = "--ip-permissions", arity = "1..*",
                description = "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/16}] ... (or JSON)")
        List<String> ipPermissions;

        @Option(names = "--protocol", description = "tcp, udp, icmp or -1 (all)")
        String protocol;

        @Option(names = "--port", description = "N or N-M (tcp and udp)")
        String port;

        @Option(names = "--cidr")
        String cidr;

        @Option(names = "--source-group")
        String sourceGroup;

        List<IpPermission> rules() {
            boolean single = protocol != null || port != null || cidr != null || sourceGroup != null;
            if (ipPermissions != null && single) {
                throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "--ip-permissions cannot be combined with --protocol, --port, --cidr or --source-group");
            }
            if (ipPermissions != null) {
                return IpPermissionArguments.parse(ipPermissions);
            }
            if (protocol == null) {
                throw new Ec2Exception(ErrorCode.MISSING_PARAMETER,
                        "Give --ip-permissions or --protocol");
            }
            return List.of(IpPermission.parse(protocol, port, cidr, sourceGroup));
        }
    }

    @Command(name = "authorize-security-group-ingress", description = "Allow inbound traffic; running members get it at once.")
    static final class Authorize extends RuleCommand {
        @Override
        String operation() {
            return "AuthorizeSecurityGroupIngress";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            labvisor.securityGroups().authorize(groupId, rules());
            return Shapes.object().put("Return", true);
        }
    }

    @Command(name = "revoke-security-group-ingress", description = "Remove an inbound rule; running members lose it at once.")
    static final class Revoke extends RuleCommand {
        @Override
        String operation() {
            return "RevokeSecurityGroupIngress";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            labvisor.securityGroups().revoke(groupId, rules());
            return Shapes.object().put("Return", true);
        }
    }

    @Command(name = "authorize-security-group-egress",
            description = "Allow outbound traffic (--cidr or --source-group is the destination); running members get it at once.")
    static final class AuthorizeEgress extends RuleCommand {
        @Override
        String operation() {
            return "AuthorizeSecurityGroupEgress";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            labvisor.securityGroups().authorizeEgress(groupId, rules());
            return Shapes.object().put("Return", true);
        }
    }

    @Command(name = "revoke-security-group-egress", description = "Remove an outbound rule; running members lose it at once.")
    static final class RevokeEgress extends RuleCommand {
        @Override
        String operation() {
            return "RevokeSecurityGroupEgress";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            labvisor.securityGroups().revokeEgress(groupId, rules());
            return Shapes.object().put("Return", true);
        }
    }

    @Command(name = "delete-security-group", description = "Delete a group no instance or rule uses.")
    static final class Delete extends Ec2Command {
        @Option(names = "--group-id", required = true)
        String groupId;

        @Override
        String operation() {
            return "DeleteSecurityGroup";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            labvisor.securityGroups().delete(groupId);
            return null;
        }
    }
}
