package io.labvisor.net;

import io.labvisor.virtxml.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SubnetNetworkTest {
    private static final Path VALIDATOR = Path.of("/usr/bin/virt-xml-validate");

    @TempDir
    Path dir;

    private final Subnet subnet = Subnet.named("subnet-0a1b2c3d4e5f60718", "vpc-0123456789abcdef0",
            Cidr.parse("10.20.1.0/24"));

    @Test
    void isolatedBridgeWithGatewayAndStaticDhcpOnly() {
        NetworkSpec spec = SubnetNetwork.spec(subnet);
        String xml = spec.toXml();
        assertFalse(xml.contains("<forward"), "isolated: nothing routed or NATed");
        assertEquals("lvbr-0a1b2c3d", spec.bridgeName());
        assertEquals(new NetworkSpec.Ipv4("10.20.1.1", 24), spec.ipv4());
        assertEquals(null, spec.dhcpRange(), "no dynamic range: only labvisor's leases");
        assertEquals("10.20.1.3", spec.dhcpHosts().get(0).ip(), "placeholder on a reserved address");
        assertEquals(spec, NetworkSpec.parse(xml));
    }

    @Test
    void dhcpHostElementAlone() {
        String xml = new NetworkSpec.DhcpHost("52:54:00:aa:bb:cc", "10.20.1.4", null).toXml();
        assertTrue(xml.contains("mac=\"52:54:00:aa:bb:cc\"") && xml.contains("ip=\"10.20.1.4\""), xml);
        assertFalse(xml.contains("<?xml"), xml);
    }

    @Test
    void anInstanceHostHasTheShortestLeaseDnsmasqGives() {
        NetworkSpec.DhcpHost host = InstanceAddresses.host("52:54:00:aa:bb:cc", "10.20.1.4");
        assertEquals(2, host.leaseMinutes());
        io.labvisor.virtxml.XmlAssert.assertXmlEquals(
                "<host mac='52:54:00:aa:bb:cc' ip='10.20.1.4'><lease expiry='2' unit='minutes'/></host>", host.toXml());
        NetworkSpec withHost = NetworkSpec.builder("n").ipv4("10.20.1.1", 24).addDhcpHost(host).build();
        assertEquals(withHost, NetworkSpec.parse(withHost.toXml()), "read back from libvirt's XML");
    }

    @Test
    void passesLibvirtSchema() throws Exception {
        assumeTrue(Files.isExecutable(VALIDATOR), "virt-xml-validate is not installed");
        Path file = dir.resolve("net.xml");
        Files.writeString(file, SubnetNetwork.spec(subnet).toXml());
        Process p = new ProcessBuilder(VALIDATOR.toString(), file.toString(), "network").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }
}
