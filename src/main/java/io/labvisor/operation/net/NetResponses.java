package io.labvisor.operation.net;

import io.labvisor.operation.Field;
import io.labvisor.operation.TagItem;

import java.util.List;

/** VPCs, subnets and security groups as EC2's model has them (shapes Vpc, Subnet, SecurityGroup, IpPermission). */
public final class NetResponses {
    private NetResponses() {
    }

    public record Vpc(String vpcId, String ownerId, String state, String cidrBlock,
                      @Field(xml = "cidrBlockAssociationSet") List<CidrAssociation> cidrBlockAssociationSet,
                      String dhcpOptionsId, String instanceTenancy, boolean isDefault,
                      @Field(xml = "tagSet", omitEmpty = true) List<TagItem> tags) {
    }

    public record CidrAssociation(String associationId, String cidrBlock, CidrBlockState cidrBlockState) {
    }

    public record CidrBlockState(String state) {
    }

    public record CreateVpc(Vpc vpc) {
    }

    public record DescribeVpcs(@Field(xml = "vpcSet") List<Vpc> vpcs, String nextToken) {
    }

    /** {@code labvisor}: the isolated libvirt network and bridge carrying the subnet. */
    public record Subnet(String subnetId, String state, String vpcId, String cidrBlock, int availableIpAddressCount,
                         String availabilityZone, boolean defaultForAz, boolean mapPublicIpOnLaunch, String ownerId,
                         @Field(xml = "tagSet", omitEmpty = true) List<TagItem> tags, SubnetLabvisor labvisor) {
    }

    public record SubnetLabvisor(String network, String bridge) {
    }

    public record CreateSubnet(Subnet subnet) {
    }

    public record DescribeSubnets(@Field(xml = "subnetSet") List<Subnet> subnets, String nextToken) {
    }

    public record SecurityGroup(String ownerId, String groupId, String groupName,
                                @Field(xml = "groupDescription") String description, String vpcId,
                                List<IpPermission> ipPermissions, List<IpPermission> ipPermissionsEgress,
                                @Field(xml = "tagSet", omitEmpty = true) List<TagItem> tags) {
    }

    /** One rule: ports only for protocols that have them (-1 for ICMP's any), one peer. */
    public record IpPermission(String ipProtocol, Integer fromPort, Integer toPort,
                               @Field(xml = "groups") List<GroupPair> userIdGroupPairs,
                               List<IpRange> ipRanges, List<String> ipv6Ranges, List<String> prefixListIds) {
    }

    public record GroupPair(String userId, String groupId) {
    }

    public record IpRange(String cidrIp) {
    }

    public record DescribeSecurityGroups(@Field(xml = "securityGroupInfo") List<SecurityGroup> securityGroups,
                                         String nextToken) {
    }

    public record CreateSecurityGroup(@Field(xml = "return", json = "Return", xmlOnly = true) boolean returnValue,
                                      String groupId, @Field(xml = "tagSet", omitEmpty = true) List<TagItem> tags) {
    }

    public record DeleteSecurityGroup(@Field(xml = "return", json = "Return") boolean returnValue, String groupId) {
    }

    /** Authorize/Revoke ingress and egress. */
    public record RulesChanged(@Field(xml = "return", json = "Return") boolean returnValue) {
    }
}
