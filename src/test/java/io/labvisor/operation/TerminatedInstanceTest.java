package io.labvisor.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labvisor.api.xml.Ec2Xml;
import io.labvisor.api.xml.XmlNode;
import io.labvisor.api.xml.XmlRenderer;
import io.labvisor.cli.output.JsonRenderer;
import io.labvisor.cli.output.Renderer;
import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.IoProfile;
import io.labvisor.net.Cidr;
import io.labvisor.net.Subnet;
import io.labvisor.operation.instance.InstanceResponses;
import io.labvisor.operation.instance.InstanceView;
import io.labvisor.tag.Tag;
import io.labvisor.volume.Volume;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DescribeInstances through both doors, where they once disagreed: as EC2, an instance shows its subnet and VPC
 * (and its network interface's) while it lives, and once terminated has no network interfaces and no subnet.
 */
class TerminatedInstanceTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    private static final InstanceView VIEW = new InstanceView(new InstanceView.Beside() {
        @Override
        public List<Volume> volumes(String instanceId) {
            return List.of();
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
            return List.of(new Tag("Name", "web"));
        }

        @Override
        public List<String> securityGroups(String instanceId) {
            return List.of("sg-0123456789abcdef0");
        }
    });

    private static Instance instance(InstanceState state) {
        return new Instance("i-0123456789abcdef0", "r-0123456789abcdef0", "ami-0123456789abcdef0", "t3.micro", 0,
                state, null, T, T, 1024, 2, "tcg", IoProfile.VIRTIO, "52:54:00:12:34:56", Optional.of("10.213.0.5"),
                "labvisor-default", "/console.log");
    }

    private static InstanceResponses.DescribeInstances describe(InstanceState state) {
        return new InstanceResponses.DescribeInstances(VIEW.reservations(List.of(instance(state))), null);
    }

    private static JsonNode json(InstanceState state) throws Exception {
        return new ObjectMapper().readTree(Renderer.json(JsonRenderer.render(describe(state))))
                .at("/Reservations/0/Instances/0");
    }

    private static String xml(InstanceState state) {
        XmlNode r = Ec2Xml.response("DescribeInstances", "req");
        XmlRenderer.write(r, describe(state));
        return Ec2Xml.serialize(r);
    }

    @Test
    void aRunningInstanceShowsItsSubnetAndInterfaceBothWays() throws Exception {
        JsonNode i = json(InstanceState.RUNNING);
        assertEquals("subnet-0123456789abcdef0", i.get("SubnetId").asText());
        assertEquals("vpc-0123456789abcdef0", i.get("VpcId").asText());
        assertEquals("subnet-0123456789abcdef0", i.at("/NetworkInterfaces/0/SubnetId").asText());
        assertEquals("52:54:00:12:34:56", i.at("/NetworkInterfaces/0/MacAddress").asText());
        String xml = xml(InstanceState.RUNNING);
        assertTrue(xml.contains("<subnetId>subnet-0123456789abcdef0</subnetId>"), xml);
        assertTrue(xml.contains("<macAddress>52:54:00:12:34:56</macAddress>"), xml);
        BothDoorsAnswerAlikeTest.compare("DescribeInstances", describe(InstanceState.RUNNING));
    }

    @Test
    void aTerminatedInstanceHasNoInterfacesAndNoSubnetBothWays() throws Exception {
        JsonNode i = json(InstanceState.TERMINATED);
        assertFalse(i.has("SubnetId"), i.toString());
        assertFalse(i.has("VpcId"), i.toString());
        assertEquals(0, i.get("NetworkInterfaces").size(), i.toString());
        String xml = xml(InstanceState.TERMINATED);
        assertTrue(xml.contains("<networkInterfaceSet/>"), xml);
        assertFalse(xml.contains("subnetId"), xml);
        assertFalse(xml.contains("vpcId"), xml);
        BothDoorsAnswerAlikeTest.compare("DescribeInstances", describe(InstanceState.TERMINATED));
    }
}
