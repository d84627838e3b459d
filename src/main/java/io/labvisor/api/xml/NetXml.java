package io.labvisor.api.xml;

import io.labvisor.ec2.Account;
import io.labvisor.ec2.Placement;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;
import io.labvisor.net.sg.IpPermission;
import io.labvisor.net.sg.SecurityGroupService;
import io.labvisor.tag.Tag;

import java.util.List;

/** VPCs, subnets and security groups in EC2's XML ({@code vpcSet}, {@code subnetSet}, {@code securityGroupInfo}). */
public final class NetXml {
    /** labvisor has no DHCP option sets; EC2 names a VPC without one {@code default}. */
    private static final String DHCP_OPTIONS = "default";

    private NetXml() {
    }

    public static void vpc(XmlNode n, Vpc v, List<Tag> tags) {
        n.text("vpcId", v.vpcId()).text("ownerId", Account.OWNER_ID).text("state", "available")
                .text("cidrBlock", v.cidr().toString());
        n.child("cidrBlockAssociationSet").item()
                .text("associationId", "vpc-cidr-assoc-" + v.vpcId().substring("vpc-".length()))
                .text("cidrBlock", v.cidr().toString())
                .child("cidrBlockState").text("state", "associated");
        n.text("dhcpOptionsId", DHCP_OPTIONS).text("instanceTenancy", "default").text("isDefault", v.isDefault());
        TagXml.tagSet(n, tags);
    }

    public static void subnet(XmlNode n, Subnet s, int availableIps, List<Tag> tags) {
        n.text("subnetId", s.subnetId()).text("state", "available").text("vpcId", s.vpcId())
                .text("cidrBlock", s.cidr().toString()).text("availableIpAddressCount", availableIps)
                .text("availabilityZone", Placement.AVAILABILITY_ZONE).text("defaultForAz", s.isDefault())
                .text("mapPublicIpOnLaunch", false).text("ownerId", Account.OWNER_ID);
        TagXml.tagSet(n, tags);
    }

    public static void securityGroup(XmlNode n, SecurityGroupService.Described d, List<Tag> tags) {
        n.text("ownerId", Account.OWNER_ID).text("groupId", d.group().groupId()).text("groupName", d.group().name())
                .text("groupDescription", d.group().description()).text("vpcId", d.group().vpcId());
        XmlNode in = n.child("ipPermissions");
        d.rules().forEach(r -> permission(in.item(), r));
        XmlNode out = n.child("ipPermissionsEgress");
        d.egress().forEach(r -> permission(out.item(), r));
        TagXml.tagSet(n, tags);
    }

    /** One rule as an {@code IpPermission}: ports only for protocols that have them, one source. */
    public static void permission(XmlNode n, IpPermission r) {
        n.text("ipProtocol", r.protocol());
        if (r.fromPort() >= 0) {
            n.text("fromPort", r.fromPort()).text("toPort", r.toPort());
        } else if (r.protocol().equals("icmp")) {
            n.text("fromPort", -1).text("toPort", -1);
        }
        XmlNode groups = n.child("groups");
        r.sourceGroupId().ifPresent(g -> groups.item().text("userId", Account.OWNER_ID).text("groupId", g));
        XmlNode ranges = n.child("ipRanges");
        r.cidr().ifPresent(c -> ranges.item().text("cidrIp", c.toString()));
        n.child("ipv6Ranges");
        n.child("prefixListIds");
    }
}
