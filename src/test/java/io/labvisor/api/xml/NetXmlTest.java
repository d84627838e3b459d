package io.labvisor.api.xml;

import io.labvisor.net.Cidr;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;
import io.labvisor.net.sg.IpPermission;
import io.labvisor.net.sg.SecurityGroup;
import io.labvisor.net.sg.SecurityGroupService;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagDescription;
import io.labvisor.tag.TaggedResource;
import io.labvisor.operation.net.NetOperations;
import io.labvisor.operation.tag.TagOperations;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CreateVpc, DescribeSubnets, DescribeSecurityGroups and DescribeTags element names as in EC2's API reference. */
class NetXmlTest {
    @Test
    void createVpcWrapsTheVpcInVpc() {
        XmlNode r = Ec2Xml.response("CreateVpc", "req-1");
        XmlRenderer.write(r.child("vpc"), NetOperations.vpc(new Vpc("vpc-0123456789abcdef0", Cidr.parse("10.20.0.0/16"), false),
                List.of(new Tag("Name", "lab"))));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <CreateVpcResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-1</requestId>
                  <vpc>
                    <vpcId>vpc-0123456789abcdef0</vpcId>
                    <ownerId>000000000000</ownerId>
                    <state>available</state>
                    <cidrBlock>10.20.0.0/16</cidrBlock>
                    <cidrBlockAssociationSet>
                      <item>
                        <associationId>vpc-cidr-assoc-0123456789abcdef0</associationId>
                        <cidrBlock>10.20.0.0/16</cidrBlock>
                        <cidrBlockState>
                          <state>associated</state>
                        </cidrBlockState>
                      </item>
                    </cidrBlockAssociationSet>
                    <dhcpOptionsId>default</dhcpOptionsId>
                    <instanceTenancy>default</instanceTenancy>
                    <isDefault>false</isDefault>
                    <tagSet>
                      <item>
                        <key>Name</key>
                        <value>lab</value>
                      </item>
                    </tagSet>
                  </vpc>
                </CreateVpcResponse>
                """, Ec2Xml.serialize(r));
    }

    @Test
    void describeSubnetsItem() {
        XmlNode r = Ec2Xml.response("DescribeSubnets", "req-2");
        XmlRenderer.write(r.child("subnetSet").item(), NetOperations.subnet(new Subnet("subnet-0123456789abcdef0", "vpc-0123456789abcdef0",
                Cidr.parse("10.20.1.0/24"), "labvisor-subnet-0123456789abcdef0", "lvbr-01234567", false), 250, List.of()));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-2</requestId>
                  <subnetSet>
                    <item>
                      <subnetId>subnet-0123456789abcdef0</subnetId>
                      <state>available</state>
                      <vpcId>vpc-0123456789abcdef0</vpcId>
                      <cidrBlock>10.20.1.0/24</cidrBlock>
                      <availableIpAddressCount>250</availableIpAddressCount>
                      <availabilityZone>lab-1a</availabilityZone>
                      <defaultForAz>false</defaultForAz>
                      <mapPublicIpOnLaunch>false</mapPublicIpOnLaunch>
                      <ownerId>000000000000</ownerId>
                      <labvisor>
                        <network>labvisor-subnet-0123456789abcdef0</network>
                        <bridge>lvbr-01234567</bridge>
                      </labvisor>
                    </item>
                  </subnetSet>
                </DescribeSubnetsResponse>
                """, Ec2Xml.serialize(r));
    }

    @Test
    void describeSecurityGroupsItemHasIngressAndEgressPermissionsWithRangesAndGroups() {
        SecurityGroup g = new SecurityGroup("sg-0123456789abcdef0", "web", "web servers", "vpc-0123456789abcdef0",
                false);
        List<IpPermission> rules = List.of(IpPermission.parse("tcp", "80", "10.20.0.0/16", null),
                IpPermission.parse("icmp", null, null, "sg-0123456789abcdef0"));
        XmlNode r = Ec2Xml.response("DescribeSecurityGroups", "req-3");
        XmlRenderer.write(r.child("securityGroupInfo").item(), NetOperations.group(new SecurityGroupService.Described(g, rules,
                        List.of(IpPermission.allToAnywhere(), IpPermission.parse("tcp", "443", "10.9.0.0/16", null))),
                List.of()));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-3</requestId>
                  <securityGroupInfo>
                    <item>
                      <ownerId>000000000000</ownerId>
                      <groupId>sg-0123456789abcdef0</groupId>
                      <groupName>web</groupName>
                      <groupDescription>web servers</groupDescription>
                      <vpcId>vpc-0123456789abcdef0</vpcId>
                      <ipPermissions>
                        <item>
                          <ipProtocol>tcp</ipProtocol>
                          <fromPort>80</fromPort>
                          <toPort>80</toPort>
                          <groups/>
                          <ipRanges>
                            <item>
                              <cidrIp>10.20.0.0/16</cidrIp>
                            </item>
                          </ipRanges>
                          <ipv6Ranges/>
                          <prefixListIds/>
                        </item>
                        <item>
                          <ipProtocol>icmp</ipProtocol>
                          <fromPort>-1</fromPort>
                          <toPort>-1</toPort>
                          <groups>
                            <item>
                              <userId>000000000000</userId>
                              <groupId>sg-0123456789abcdef0</groupId>
                            </item>
                          </groups>
                          <ipRanges/>
                          <ipv6Ranges/>
                          <prefixListIds/>
                        </item>
                      </ipPermissions>
                      <ipPermissionsEgress>
                        <item>
                          <ipProtocol>-1</ipProtocol>
                          <groups/>
                          <ipRanges>
                            <item>
                              <cidrIp>0.0.0.0/0</cidrIp>
                            </item>
                          </ipRanges>
                          <ipv6Ranges/>
                          <prefixListIds/>
                        </item>
                        <item>
                          <ipProtocol>tcp</ipProtocol>
                          <fromPort>443</fromPort>
                          <toPort>443</toPort>
                          <groups/>
                          <ipRanges>
                            <item>
                              <cidrIp>10.9.0.0/16</cidrIp>
                            </item>
                          </ipRanges>
                          <ipv6Ranges/>
                          <prefixListIds/>
                        </item>
                      </ipPermissionsEgress>
                    </item>
                  </securityGroupInfo>
                </DescribeSecurityGroupsResponse>
                """, Ec2Xml.serialize(r));
    }

    @Test
    void describeTagsItem() {
        XmlNode r = Ec2Xml.response("DescribeTags", "req-4");
        XmlRenderer.write(r.child("tagSet").item(), TagOperations.description(new TagDescription("sg-0123456789abcdef0",
                TaggedResource.SECURITY_GROUP, "tier", "")));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeTagsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-4</requestId>
                  <tagSet>
                    <item>
                      <resourceId>sg-0123456789abcdef0</resourceId>
                      <resourceType>security-group</resourceType>
                      <key>tier</key>
                      <value/>
                    </item>
                  </tagSet>
                </DescribeTagsResponse>
                """, Ec2Xml.serialize(r));
    }
}
