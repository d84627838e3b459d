package io.labvisor.operation.net;

import io.labvisor.ec2.Filter;
import io.labvisor.net.sg.IpPermission;
import io.labvisor.operation.Param;
import io.labvisor.tag.TagSpecification;

import java.util.List;

import static io.labvisor.operation.Lists.orEmpty;

/** The requests of the VPC, subnet and security group operations. */
public final class NetRequests {
    private NetRequests() {
    }

    /** Default tenancy only, no IPv6 block. */
    public record CreateVpc(@Param(required = true) String cidrBlock,
                            @Param(queryOnly = true) String instanceTenancy,
                            @Param(queryOnly = true) Boolean amazonProvidedIpv6CidrBlock,
                            @Param(query = "TagSpecification") List<TagSpecification> tagSpecifications) {
        public CreateVpc {
            tagSpecifications = orEmpty(tagSpecifications);
        }
    }

    public record DescribeVpcs(@Param(query = "VpcId") List<String> vpcIds,
                               @Param(query = "Filter") List<Filter> filters,
                               Integer maxResults, String nextToken) {
        public DescribeVpcs {
            vpcIds = orEmpty(vpcIds);
            filters = orEmpty(filters);
        }
    }

    public record DeleteVpc(@Param(required = true) String vpcId) {
    }

    /** AvailabilityZone: labvisor's one zone. */
    public record CreateSubnet(@Param(required = true) String vpcId, @Param(required = true) String cidrBlock,
                               @Param(queryOnly = true) String availabilityZone,
                               @Param(query = "TagSpecification") List<TagSpecification> tagSpecifications) {
        public CreateSubnet {
            tagSpecifications = orEmpty(tagSpecifications);
        }
    }

    public record DescribeSubnets(@Param(query = "SubnetId") List<String> subnetIds,
                                  @Param(query = "Filter") List<Filter> filters,
                                  Integer maxResults, String nextToken) {
        public DescribeSubnets {
            subnetIds = orEmpty(subnetIds);
            filters = orEmpty(filters);
        }
    }

    public record DeleteSubnet(@Param(required = true) String subnetId) {
    }

    /** VpcId: the default VPC when absent, as EC2. */
    public record CreateSecurityGroup(@Param(required = true) String groupName,
                                      @Param(required = true, query = "GroupDescription") String description,
                                      String vpcId,
                                      @Param(query = "TagSpecification") List<TagSpecification> tagSpecifications) {
        public CreateSecurityGroup {
            tagSpecifications = orEmpty(tagSpecifications);
        }
    }

    public record DescribeSecurityGroups(@Param(query = "GroupId") List<String> groupIds,
                                         @Param(query = "GroupName") List<String> groupNames,
                                         @Param(query = "Filter") List<Filter> filters,
                                         Integer maxResults, String nextToken) {
        public DescribeSecurityGroups {
            groupIds = orEmpty(groupIds);
            groupNames = orEmpty(groupNames);
            filters = orEmpty(filters);
        }
    }

    /** GroupId, or GroupName of a group in the default VPC. */
    public record DeleteSecurityGroup(String groupId, @Param(queryOnly = true) String groupName) {
    }

    /**
     * Authorize/RevokeSecurityGroupIngress: EC2's IpPermissions, or the legacy flat form (IpProtocol, FromPort,
     * ToPort, CidrIp, SourceSecurityGroupName). One permission with several sources is one rule per source.
     */
    public record IngressRules(String groupId, @Param(queryOnly = true) String groupName,
                               List<IpPermission> ipPermissions,
                               @Param(queryOnly = true) String ipProtocol,
                               @Param(queryOnly = true) Integer fromPort,
                               @Param(queryOnly = true) Integer toPort,
                               @Param(queryOnly = true) String cidrIp,
                               @Param(queryOnly = true) String sourceSecurityGroupName,
                               @Param(queryOnly = true) String sourceSecurityGroupOwnerId) {
        public IngressRules {
            ipPermissions = orEmpty(ipPermissions);
        }
    }

    /** Authorize/RevokeSecurityGroupEgress: GroupId only, as EC2; a permission's peer is its destination. */
    public record EgressRules(@Param(required = true) String groupId,
                              List<IpPermission> ipPermissions,
                              @Param(queryOnly = true) String ipProtocol,
                              @Param(queryOnly = true) Integer fromPort,
                              @Param(queryOnly = true) Integer toPort,
                              @Param(queryOnly = true) String cidrIp,
                              @Param(queryOnly = true) String sourceSecurityGroupName,
                              @Param(queryOnly = true) String sourceSecurityGroupOwnerId) {
        public EgressRules {
            ipPermissions = orEmpty(ipPermissions);
        }

        IngressRules asRules() {
            return new IngressRules(groupId, null, ipPermissions, ipProtocol, fromPort, toPort, cidrIp,
                    sourceSecurityGroupName, sourceSecurityGroupOwnerId);
        }
    }
}
