package io.labvisor.api.actions;

import io.labvisor.api.query.Page;
import io.labvisor.api.query.Pager;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.NetXml;
import io.labvisor.api.xml.XmlNode;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Placement;
import io.labvisor.net.Cidr;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;
import io.labvisor.net.VpcService;
import io.labvisor.net.sg.SecurityGroupService;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TaggedResource;

import java.util.List;

/** CreateVpc, DescribeVpcs, DeleteVpc, CreateSubnet, DescribeSubnets, DeleteSubnet over the CLI's services. */
final class VpcActions {
    private static final Pager DESCRIBE_VPCS = new Pager("DescribeVpcs", 5, 1000);
    private static final Pager DESCRIBE_SUBNETS = new Pager("DescribeSubnets", 5, 1000);

    private final VpcService vpcs;
    private final SecurityGroupService groups;
    private final TagService tags;

    VpcActions(VpcService vpcs, SecurityGroupService groups, TagService tags) {
        this.vpcs = vpcs;
        this.groups = groups;
        this.tags = tags;
    }

    List<ActionHandler> handlers() {
        return List.of(new NamedAction("CreateVpc", this::createVpc),
                new NamedAction("DescribeVpcs", this::describeVpcs),
                new NamedAction("DeleteVpc", this::deleteVpc),
                new NamedAction("CreateSubnet", this::createSubnet),
                new NamedAction("DescribeSubnets", this::describeSubnets),
                new NamedAction("DeleteSubnet", this::deleteSubnet));
    }

    /** CidrBlock, TagSpecification.N; InstanceTenancy default only, no IPv6 block. */
    private ActionHandler.Execution createVpc(QueryRequest q) {
        String cidr = q.requiredString("CidrBlock");
        Cidr.parse(cidr);
        q.string("InstanceTenancy").filter(t -> !t.equals("default")).ifPresent(t -> {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "labvisor VPCs have default tenancy only");
        });
        if (q.bool("AmazonProvidedIpv6CidrBlock", false)) {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "labvisor VPCs have no IPv6 block");
        }
        List<Tag> vpcTags = ApiTags.forOnly(q, TaggedResource.VPC);
        return out -> {
            Vpc v = vpcs.createVpc(cidr, vpcTags);
            NetXml.vpc(out.child("vpc"), v, tags.of(v.vpcId()));
        };
    }

    private ActionHandler.Execution describeVpcs(QueryRequest q) {
        List<String> ids = q.list("VpcId");
        var filters = q.filters();
        Pager.Request paging = Paged.read(DESCRIBE_VPCS, q, ids, "VpcId");
        Page<Vpc> page = paging.page(vpcs.describeVpcs(ids, filters));
        return out -> {
            XmlNode set = out.child("vpcSet");
            page.items().forEach(v -> NetXml.vpc(set.item(), v, tags.of(v.vpcId())));
            page.nextToken().ifPresent(t -> out.text("nextToken", t));
        };
    }

    private ActionHandler.Execution deleteVpc(QueryRequest q) {
        String id = q.requiredString("VpcId");
        vpcs.describeVpcs(List.of(id));
        return out -> {
            groups.deleteVpc(id);
            out.text("return", true);
        };
    }

    /** VpcId, CidrBlock, AvailabilityZone (labvisor's one zone), TagSpecification.N. */
    private ActionHandler.Execution createSubnet(QueryRequest q) {
        String vpcId = q.requiredString("VpcId");
        String cidr = q.requiredString("CidrBlock");
        q.string("AvailabilityZone").filter(z -> !z.equals(Placement.AVAILABILITY_ZONE)).ifPresent(z -> {
            throw Ec2Exception.invalidParameter("Value (" + z + ") for parameter availabilityZone is invalid. "
                    + "Subnets can currently only be created in the following availability zones: "
                    + Placement.AVAILABILITY_ZONE + ".");
        });
        List<Tag> subnetTags = ApiTags.forOnly(q, TaggedResource.SUBNET);
        Cidr.parse(cidr);
        vpcs.describeVpcs(List.of(vpcId));
        return out -> {
            Subnet s = vpcs.createSubnet(vpcId, cidr, subnetTags);
            NetXml.subnet(out.child("subnet"), s, vpcs.availableIpAddressCount(s), tags.of(s.subnetId()));
        };
    }

    private ActionHandler.Execution describeSubnets(QueryRequest q) {
        List<String> ids = q.list("SubnetId");
        var filters = q.filters();
        Pager.Request paging = Paged.read(DESCRIBE_SUBNETS, q, ids, "SubnetId");
        Page<Subnet> page = paging.page(vpcs.describeSubnets(ids, filters));
        return out -> {
            XmlNode set = out.child("subnetSet");
            page.items().forEach(s -> NetXml.subnet(set.item(), s, vpcs.availableIpAddressCount(s),
                    tags.of(s.subnetId())));
            page.nextToken().ifPresent(t -> out.text("nextToken", t));
        };
    }

    private ActionHandler.Execution deleteSubnet(QueryRequest q) {
        String id = q.requiredString("SubnetId");
        vpcs.describeSubnets(List.of(id));
        return out -> {
            vpcs.deleteSubnet(id);
            out.text("return", true);
        };
    }
}
