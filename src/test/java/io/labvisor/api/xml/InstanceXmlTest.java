package io.labvisor.api.xml;

import io.labvisor.compute.InstanceState;
import io.labvisor.compute.StateChange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instance shapes against literal EC2 XML (names from the 2016-11-15 model's locationNames). */
class InstanceXmlTest {
    private static final InstanceXml.Details ROOT_ONLY = new InstanceXml.Details(List.of(XmlFixtures.rootVolume()), 2);

    @Test
    void runInstancesResponseIsAReservation() {
        XmlNode r = Ec2Xml.response("RunInstances", "req-1");
        InstanceXml.reservation(r, "r-0123456789abcdef0", List.of(XmlFixtures.instance(InstanceState.PENDING, null)),
                i -> ROOT_ONLY);
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
                      <groupSet/>
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
                        </item>
                      </networkInterfaceSet>
                      <ebsOptimized>false</ebsOptimized>
                      <cpuOptions>
                        <coreCount>1</coreCount>
                        <threadsPerCore>2</threadsPerCore>
                      </cpuOptions>
                      <platformDetails>Linux/UNIX</platformDetails>
                    </item>
                  </instancesSet>
                </RunInstancesResponse>
                """, Ec2Xml.serialize(r));
    }

    @Test
    void describeInstancesGroupsByReservationAndShowsStateReasons() {
        XmlNode r = Ec2Xml.response("DescribeInstances", "req-2");
        InstanceXml.reservationSet(r, List.of(XmlFixtures.instance(InstanceState.TERMINATED,
                "Client.UserInitiatedShutdown: User initiated shutdown")), i -> new InstanceXml.Details(List.of(), 1));
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
        InstanceXml.stateChanges(r, List.of(
                new StateChange("i-0123456789abcdef0", InstanceState.RUNNING, InstanceState.SHUTTING_DOWN)));
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
