package io.labvisor.api.xml;

import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.StateChange;
import io.labvisor.net.Cidr;
import io.labvisor.net.Subnet;
import io.labvisor.operation.instance.InstanceResponses;
import io.labvisor.operation.instance.InstanceView;
import io.labvisor.tag.Tag;
import io.labvisor.volume.Volume;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instance shapes against literal EC2 XML (names from the 2016-11-15 model's locationNames). */
class InstanceXmlTest {
    /** An instance with its root volume, two threads per core, in a subnet, with no tags or groups. */
    private static InstanceView view(List<Volume> volumes) {
        return new InstanceView(new InstanceView.Beside() {
            @Override
            public List<Volume> volumes(String instanceId) {
                return volumes;
            }

            @Override
            public int threadsPerCore(String instanceType) {
                return 2;
            }

            @Override
            public Optional<Subnet> subnet(Instance i) {
                return Optional.of(new Subnet("subnet-0123456789abcdef0", "vpc-0123456789abcdef0",
                        Cidr.parse("10.213.0.0/24"), "labvisor-default", "lvbr0", true));
            }

            @Override
            public List<Tag> tags(String instanceId) {
                return List.of();
            }

            @Override
            public List<String> securityGroups(String instanceId) {
                return List.of("sg-0123456789abcdef0");
            }
        });
    }

    @Test
    void runInstancesResponseIsAReservation() {
        XmlNode r = Ec2Xml.response("RunInstances", "req-1");
        XmlRenderer.write(r, view(List.of(XmlFixtures.rootVolume())).reservation("r-0123456789abcdef0",
                List.of(XmlFixtures.instance(InstanceState.PENDING, null))));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <RunInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-1</requestId>
                  <reservationId>r-0123456789abcdef0</reservationId>
                  <ownerId>000000000000</ownerId>
                  <groupSet/>
                  <instancesSet>
                    <item>
                      <instanceId>i-0123456789abcdef0</instanceId>
                      <imageId>ami-0123456789abcdef0</imageId>
                      <instanceState>
                        <code>0</code>
                        <name>pending</name>
                      </instanceState>
                      <privateDnsName/>
                      <reason/>
                      <amiLaunchIndex>0</amiLaunchIndex>
                      <productCodes/>
                      <instanceType>t3.micro</instanceType>
                      <launchTime>2025-03-01T10:00:00.250Z</launchTime>
                      <placement>
                        <availabilityZone>lab-1a</availabilityZone>
                        <groupName/>
                        <tenancy>default</tenancy>
                      </placement>
                      <monitoring>
                        <state>disabled</state>
                      </monitoring>
                      <privateIpAddress>10.213.0.5</privateIpAddress>
                      <subnetId>subnet-0123456789abcdef0</subnetId>
                      <vpcId>vpc-0123456789abcdef0</vpcId>
                      <groupSet>
                        <item>
                          <groupId>sg-0123456789abcdef0</groupId>
                        </item>
                      </groupSet>
                      <architecture>x86_64</architecture>
                      <rootDeviceType>ebs</rootDeviceType>
                      <rootDeviceName>/dev/xvda</rootDeviceName>
                      <blockDeviceMapping>
                        <item>
                          <deviceName>/dev/xvda</deviceName>
                          <ebs>
                            <volumeId>vol-0123456789abcdef0</volumeId>
                            <status>attached</status>
                            <attachTime>2025-03-01T10:00:00.250Z</attachTime>
                            <deleteOnTermination>true</deleteOnTermination>
                          </ebs>
                        </item>
                      </blockDeviceMapping>
                      <virtualizationType>hvm</virtualizationType>
                      <hypervisor>xen</hypervisor>
                      <networkInterfaceSet>
                        <item>
                          <status>in-use</status>
                          <macAddress>52:54:00:12:34:56</macAddress>
                          <privateIpAddress>10.213.0.5</privateIpAddress>
                          <subnetId>subnet-0123456789abcdef0</subnetId>
                          <vpcId>vpc-0123456789abcdef0</vpcId>
                        </item>
                      </networkInterfaceSet>
                      <ebsOptimized>false</ebsOptimized>
                      <cpuOptions>
                        <coreCount>1</coreCount>
                        <threadsPerCore>2</threadsPerCore>
                      </cpuOptions>
                      <platformDetails>Linux/UNIX</platformDetails>
                      <labvisor>
                        <accelerator>tcg</accelerator>
                        <ioProfile>virtio</ioProfile>
                        <domain>i-0123456789abcdef0</domain>
                        <network>labvisor-default</network>
                        <consoleLog>/var/lib/labvisor/console/i-0123456789abcdef0.log</consoleLog>
                      </labvisor>
                    </item>
                  </instancesSet>
                </RunInstancesResponse>
                """, Ec2Xml.serialize(r));
    }

    @Test
    void describeInstancesGroupsByReservationAndShowsStateReasons() {
        XmlNode r = Ec2Xml.response("DescribeInstances", "req-2");
        XmlRenderer.write(r, new InstanceResponses.DescribeInstances(view(List.of()).reservations(
                List.of(XmlFixtures.instance(InstanceState.TERMINATED,
                        "Client.UserInitiatedShutdown: User initiated shutdown"))), null));
        String xml = Ec2Xml.serialize(r);
        assertTrue(xml.contains("""
                  <reservationSet>
                    <item>
                      <reservationId>r-0123456789abcdef0</reservationId>
                      <ownerId>000000000000</ownerId>
                      <groupSet/>
                      <instancesSet>
                        <item>
                          <instanceId>i-0123456789abcdef0</instanceId>
                """), xml);
        assertTrue(xml.contains("""
                          <stateReason>
                            <code>Client.UserInitiatedShutdown</code>
                            <message>Client.UserInitiatedShutdown: User initiated shutdown</message>
                          </stateReason>
                """), xml);
        assertTrue(xml.contains("<reason>Client.UserInitiatedShutdown: User initiated shutdown</reason>"), xml);
        assertTrue(xml.contains("<blockDeviceMapping/>"), xml);
    }

    @Test
    void terminateInstancesListsStateChanges() {
        XmlNode r = Ec2Xml.response("TerminateInstances", "req-3");
        XmlRenderer.write(r, new InstanceResponses.TerminateInstances(InstanceView.changes(List.of(
                new StateChange("i-0123456789abcdef0", InstanceState.RUNNING, InstanceState.SHUTTING_DOWN)))));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <TerminateInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-3</requestId>
                  <instancesSet>
                    <item>
                      <instanceId>i-0123456789abcdef0</instanceId>
                      <currentState>
                        <code>32</code>
                        <name>shutting-down</name>
                      </currentState>
                      <previousState>
                        <code>16</code>
                        <name>running</name>
                      </previousState>
                    </item>
                  </instancesSet>
                </TerminateInstancesResponse>
                """, Ec2Xml.serialize(r));
    }
}
