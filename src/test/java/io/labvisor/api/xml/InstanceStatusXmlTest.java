package io.labvisor.api.xml;

import io.labvisor.compute.InstanceState;
import io.labvisor.compute.InstanceStatus;
import io.labvisor.operation.instance.InstanceOperations;
import io.labvisor.operation.instance.InstanceResponses;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DescribeInstanceStatus against literal EC2 XML. */
class InstanceStatusXmlTest {
    private static void write(XmlNode r, List<InstanceStatus> statuses) {
        XmlRenderer.write(r, new InstanceResponses.DescribeInstanceStatus(statuses.stream()
                .map(InstanceOperations::status).toList(), null));
    }

    @Test
    void okAndNotApplicableChecks() {
        XmlNode r = Ec2Xml.response("DescribeInstanceStatus", "req-1");
        write(r, List.of(
                new InstanceStatus(XmlFixtures.instance(InstanceState.RUNNING, null), InstanceStatus.Check.OK),
                new InstanceStatus(XmlFixtures.instance(InstanceState.STOPPED, null), InstanceStatus.Check.NOT_APPLICABLE)));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeInstanceStatusResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-1</requestId>
                  <instanceStatusSet>
                    <item>
                      <instanceId>i-0123456789abcdef0</instanceId>
                      <availabilityZone>lab-1a</availabilityZone>
                      <instanceState>
                        <code>16</code>
                        <name>running</name>
                      </instanceState>
                      <systemStatus>
                        <status>ok</status>
                        <details>
                          <item>
                            <name>reachability</name>
                            <status>passed</status>
                          </item>
                        </details>
                      </systemStatus>
                      <instanceStatus>
                        <status>ok</status>
                        <details>
                          <item>
                            <name>reachability</name>
                            <status>passed</status>
                          </item>
                        </details>
                      </instanceStatus>
                    </item>
                    <item>
                      <instanceId>i-0123456789abcdef0</instanceId>
                      <availabilityZone>lab-1a</availabilityZone>
                      <instanceState>
                        <code>80</code>
                        <name>stopped</name>
                      </instanceState>
                      <systemStatus>
                        <status>not-applicable</status>
                      </systemStatus>
                      <instanceStatus>
                        <status>not-applicable</status>
                      </instanceStatus>
                    </item>
                  </instanceStatusSet>
                </DescribeInstanceStatusResponse>
                """, Ec2Xml.serialize(r));
    }

    @Test
    void anImpairedInstanceCheckKeepsTheSystemCheckOk() {
        XmlNode r = Ec2Xml.response("DescribeInstanceStatus", "req-2");
        write(r, List.of(new InstanceStatus(XmlFixtures.instance(InstanceState.RUNNING, null),
                InstanceStatus.Check.IMPAIRED, Optional.of(XmlFixtures.LAUNCH.plusSeconds(300)))));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeInstanceStatusResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-2</requestId>
                  <instanceStatusSet>
                    <item>
                      <instanceId>i-0123456789abcdef0</instanceId>
                      <availabilityZone>lab-1a</availabilityZone>
                      <instanceState>
                        <code>16</code>
                        <name>running</name>
                      </instanceState>
                      <systemStatus>
                        <status>ok</status>
                        <details>
                          <item>
                            <name>reachability</name>
                            <status>passed</status>
                          </item>
                        </details>
                      </systemStatus>
                      <instanceStatus>
                        <status>impaired</status>
                        <details>
                          <item>
                            <name>reachability</name>
                            <status>failed</status>
                            <impairedSince>2025-03-01T10:05:00.250Z</impairedSince>
                          </item>
                        </details>
                      </instanceStatus>
                    </item>
                  </instanceStatusSet>
                </DescribeInstanceStatusResponse>
                """, Ec2Xml.serialize(r));
    }
}
