package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.NetShapes;
import io.labvisor.cli.output.Shapes;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;
import io.labvisor.cli.output.TagShapes;
import io.labvisor.tag.TaggedResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The VPC and subnet verbs: thin wrappers over {@link io.labvisor.net.VpcService}. */
final class VpcCommands {
    private VpcCommands() {
    }

    @Command(name = "create-vpc", description = "Create a VPC (an address block, /16 to /28).")
    static final class CreateVpc extends Ec2Command {
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
        JsonNode execute(Labvisor labvisor) {
            ObjectNode root = Shapes.object();
            Vpc v = labvisor.vpcs().createVpc(cidrBlock, TagArguments.forOnly(tagSpecifications, TaggedResource.VPC));
            root.set("Vpc", TagShapes.put(NetShapes.vpc(v), labvisor.tags().of(v.vpcId())));
            return root;
        }
    }

    @Command(name = "describe-vpcs", description = "List VPCs.")
    static final class DescribeVpcs extends Ec2Command {
        @Option(names = "--vpc-ids", arity = "1..*")
        List<String> ids = new ArrayList<>();

        @Option(names = "--filters", arity = "1..*", description = "vpc-id, cidr-block, is-default, tag:<key>, tag-key")
        List<String> filters;

        @Override
        String operation() {
            return "DescribeVpcs";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            ObjectNode root = Shapes.object();
            ArrayNode list = root.putArray("Vpcs");
            for (Vpc v : labvisor.vpcs().describeVpcs(ids, Filters.parse(filters))) {
                list.add(TagShapes.put(NetShapes.vpc(v), labvisor.tags().of(v.vpcId())));
            }
            return root;
        }
    }

    @Command(name = "delete-vpc", description = "Delete a VPC that has no subnets.")
    static final class DeleteVpc extends Ec2Command {
        @Option(names = "--vpc-id", required = true)
        String vpcId;

        @Override
        String operation() {
            return "DeleteVpc";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            labvisor.securityGroups().deleteVpc(vpcId);
            return null;
        }
    }

    @Command(name = "create-subnet", description = "Create a subnet in a VPC: an isolated libvirt network in labvisor's namespace.")
    static final class CreateSubnet extends Ec2Command {
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
        JsonNode execute(Labvisor labvisor) {
            Subnet s = labvisor.vpcs().createSubnet(vpcId, cidrBlock,
                    TagArguments.forOnly(tagSpecifications, TaggedResource.SUBNET));
            ObjectNode root = Shapes.object();
            root.set("Subnet", TagShapes.put(NetShapes.subnet(s, labvisor.vpcs().availableIpAddressCount(s)),
                    labvisor.tags().of(s.subnetId())));
            return root;
        }
    }

    @Command(name = "describe-subnets", description = "List subnets.")
    static final class DescribeSubnets extends Ec2Command {
        @Option(names = "--subnet-ids", arity = "1..*")
        List<String> ids = new ArrayList<>();

        @Option(names = "--filters", arity = "1..*", description = "subnet-id, vpc-id, cidr-block, tag:<key>, tag-key")
        List<String> filters;

        @Override
        String operation() {
            return "DescribeSubnets";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            ObjectNode root = Shapes.object();
            ArrayNode list = root.putArray("Subnets");
            for (Subnet s : labvisor.vpcs().describeSubnets(ids, Filters.parse(filters))) {
                list.add(TagShapes.put(NetShapes.subnet(s, labvisor.vpcs().availableIpAddressCount(s)),
                        labvisor.tags().of(s.subnetId())));
            }
            return root;
        }
    }

    @Command(name = "delete-subnet", description = "Delete a subnet with no instances; its network goes too.")
    static final class DeleteSubnet extends Ec2Command {
        @Option(names = "--subnet-id", required = true)
        String subnetId;

        @Override
        String operation() {
            return "DeleteSubnet";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            labvisor.vpcs().deleteSubnet(subnetId);
            return null;
        }
    }
}
