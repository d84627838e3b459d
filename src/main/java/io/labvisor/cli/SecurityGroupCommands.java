package io.labvisor.cli;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.net.sg.IpPermission;
import io.labvisor.operation.net.NetRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** The security group verbs. */
final class SecurityGroupCommands {
    private SecurityGroupCommands() {
    }

    @Command(name = "create-security-group", description = "Create a security group in a VPC.")
    static final class Create extends OperationCommand {
        @Option(names = "--group-name", required = true)
        String name;

        @Option(names = "--description", required = true)
        String description;

        @Option(names = "--vpc-id", description = "default: the default VPC")
        String vpcId;

        @Option(names = "--tag-specifications", arity = "1..*",
                description = "ResourceType=security-group,Tags=[{Key=k,Value=v},...] (or JSON)")
        List<String> tagSpecifications;

        @Override
        String operation() {
            return "CreateSecurityGroup";
        }

        @Override
        Record request() {
            return new NetRequests.CreateSecurityGroup(name, description, vpcId,
                    TagArguments.specifications(tagSpecifications));
        }
    }

    @Command(name = "describe-security-groups", description = "List security groups with their inbound and outbound rules.")
    static final class Describe extends OperationCommand {
        @Option(names = "--group-ids", arity = "1..*")
        List<String> ids;

        @Option(names = "--group-names", arity = "1..*", description = "groups of the default VPC")
        List<String> names;

        @Option(names = "--filters", arity = "1..*", description = "group-id, group-name, vpc-id, tag:<key>, tag-key")
        List<String> filters;

        @Option(names = "--max-results", description = "5-1000 per page")
        Integer maxResults;

        @Option(names = "--next-token")
        String nextToken;

        @Override
        String operation() {
            return "DescribeSecurityGroups";
        }

        @Override
        Record request() {
            return new NetRequests.DescribeSecurityGroups(ids, names, Filters.parse(filters), maxResults, nextToken);
        }
    }

    /**
     * The rules of a change: either {@code --ip-permissions} (the AWS CLI's shorthand or JSON, see
     * {@link IpPermissionArguments}) or one rule from {@code --protocol}, {@code --port} and one of {@code --cidr} /
     * {@code --source-group}, as the AWS CLI's shorthand options. For egress the address block or group is the
     * destination.
     */
    abstract static class RuleCommand extends OperationCommand {
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

        abstract boolean egress();

        @Override
        Record request() {
            return egress()
                    ? new NetRequests.EgressRules(groupId, rules(), null, null, null, null, null, null)
                    : new NetRequests.IngressRules(groupId, null, rules(), null, null, null, null, null, null);
        }
    }

    @Command(name = "authorize-security-group-ingress", description = "Allow inbound traffic; running members get it at once.")
    static final class Authorize extends RuleCommand {
        @Override
        String operation() {
            return "AuthorizeSecurityGroupIngress";
        }

        @Override
        boolean egress() {
            return false;
        }
    }

    @Command(name = "revoke-security-group-ingress", description = "Remove an inbound rule; running members lose it at once.")
    static final class Revoke extends RuleCommand {
        @Override
        String operation() {
            return "RevokeSecurityGroupIngress";
        }

        @Override
        boolean egress() {
            return false;
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
        boolean egress() {
            return true;
        }
    }

    @Command(name = "revoke-security-group-egress", description = "Remove an outbound rule; running members lose it at once.")
    static final class RevokeEgress extends RuleCommand {
        @Override
        String operation() {
            return "RevokeSecurityGroupEgress";
        }

        @Override
        boolean egress() {
            return true;
        }
    }

    @Command(name = "delete-security-group", description = "Delete a group no instance or rule uses.")
    static final class Delete extends OperationCommand {
        @Option(names = "--group-id", required = true)
        String groupId;

        @Override
        String operation() {
            return "DeleteSecurityGroup";
        }

        @Override
        Record request() {
            return new NetRequests.DeleteSecurityGroup(groupId, null);
        }
    }
}
