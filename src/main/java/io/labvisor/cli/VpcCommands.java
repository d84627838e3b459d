package io.labvisor.cli;

import io.labvisor.operation.net.NetRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** The VPC and subnet verbs. */
final class VpcCommands {
    private VpcCommands() {
    }

    @Command(name = "create-vpc", description = "Create a VPC (an address block, /16 to /28).")
    static final class CreateVpc extends OperationCommand {
        @Option(names = "--cidr-block", required = true)
        String cidrBlock;

        @Option(names = "--tag-specifications", arity = "1..*",
                description = "ResourceType=vpc,Tags=[{Key=k,Value=v},...] (or JSON)")
        List<String> tagSpecifications;

        @Override
        String operation() {
            return "CreateVpc";
        }

        @Override
        Record request() {
            return new NetRequests.CreateVpc(cidrBlock, null, null, TagArguments.specifications(tagSpecifications));
        }
    }

    @Command(name = "describe-vpcs", description = "List VPCs.")
    static final class DescribeVpcs extends OperationCommand {
        @Option(names = "--vpc-ids", arity = "1..*")
        List<String> ids;

        @Option(names = "--filters", arity = "1..*", description = "vpc-id, cidr-block, is-default, tag:<key>, tag-key")
        List<String> filters;

        @Option(names = "--max-results", description = "5-1000 per page")
        Integer maxResults;

        @Option(names = "--next-token")
        String nextToken;

        @Override
        String operation() {
            return "DescribeVpcs";
        }

        @Override
        Record request() {
            return new NetRequests.DescribeVpcs(ids, Filters.parse(filters), maxResults, nextToken);
        }
    }

    @Command(name = "delete-vpc", description = "Delete a VPC that has no subnets.")
    static final class DeleteVpc extends OperationCommand {
        @Option(names = "--vpc-id", required = true)
        String vpcId;

        @Override
        String operation() {
            return "DeleteVpc";
        }

        @Override
        Record request() {
            return new NetRequests.DeleteVpc(vpcId);
        }
    }

    @Command(name = "create-subnet", description = "Create a subnet in a VPC: an isolated libvirt network in labvisor's namespace.")
    static final class CreateSubnet extends OperationCommand {
        @Option(names = "--vpc-id", required = true)
        String vpcId;

        @Option(names = "--cidr-block", required = true)
        String cidrBlock;

        @Option(names = "--tag-specifications", arity = "1..*",
                description = "ResourceType=subnet,Tags=[{Key=k,Value=v},...] (or JSON)")
        List<String> tagSpecifications;

        @Override
        String operation() {
            return "CreateSubnet";
        }

        @Override
        Record request() {
            return new NetRequests.CreateSubnet(vpcId, cidrBlock, null, TagArguments.specifications(tagSpecifications));
        }
    }

    @Command(name = "describe-subnets", description = "List subnets.")
    static final class DescribeSubnets extends OperationCommand {
        @Option(names = "--subnet-ids", arity = "1..*")
        List<String> ids;

        @Option(names = "--filters", arity = "1..*", description = "subnet-id, vpc-id, cidr-block, tag:<key>, tag-key")
        List<String> filters;

        @Option(names = "--max-results", description = "5-1000 per page")
        Integer maxResults;

        @Option(names = "--next-token")
        String nextToken;

        @Override
        String operation() {
            return "DescribeSubnets";
        }

        @Override
        Record request() {
            return new NetRequests.DescribeSubnets(ids, Filters.parse(filters), maxResults, nextToken);
        }
    }

    @Command(name = "delete-subnet", description = "Delete a subnet with no instances; its network goes too.")
    static final class DeleteSubnet extends OperationCommand {
        @Option(names = "--subnet-id", required = true)
        String subnetId;

        @Override
        String operation() {
            return "DeleteSubnet";
        }

        @Override
        Record request() {
            return new NetRequests.DeleteSubnet(subnetId);
        }
    }
}
