package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.compute.Instance;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import io.labvisor.image.Image;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;
import io.labvisor.virtxml.NetworkSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4: a subnet is its own isolated network, and an instance in it gets exactly the address labvisor chose. */
class SubnetIT {
    private static TestHost host;
    private static Image ami;

    @BeforeAll
    static void setUp() {
        host = TestHost.create();
        ami = host.registerTinyAmi();
    }

    @AfterAll
    static void tearDown() {
        host.close();
    }

    @Test
    void instanceInNewSubnetGetsItsAllocatedAddressByDhcp() throws Exception {
        Labvisor lv = host.labvisor();
        // a random 10.x block: other test runs on this libvirtd may have a subnet up at the same time
        int x = ThreadLocalRandom.current().nextInt(64, 250);
        Vpc vpc = lv.vpcs().createVpc("10." + x + ".0.0/16");
        Subnet subnet = lv.vpcs().createSubnet(vpc.vpcId(), "10." + x + ".1.0/24");
        assertEquals(ErrorCode.INVALID_SUBNET_CONFLICT, assertThrows(Ec2Exception.class,
                () -> lv.vpcs().createSubnet(vpc.vpcId(), "10." + x + ".1.128/25")).code());
        assertEquals(ErrorCode.INVALID_SUBNET_RANGE, assertThrows(Ec2Exception.class,
                () -> lv.vpcs().createSubnet(vpc.vpcId(), "10." + (x + 1) + ".1.0/24")).code());

        Instance i = lv.instances().run(RunRequest.of(ami.imageId(), "t3.nano", 1).withSubnet(subnet.subnetId()))
                .instances().get(0);
        try {
            assertEquals("10." + x + ".1.4", i.privateIp().orElseThrow(), "first address after EC2's reserved .0-.3");
            ConsoleLog console = new ConsoleLog(Path.of(i.consoleLog()));
            GuestLine net = console.await("LABVISOR-NET", Duration.ofMinutes(4))
                    .orElseThrow(() -> new AssertionError("no DHCP lease; console:\n" + console.tail()));
            assertEquals(i.privateIp().get() + "/24", net.get("ipv4"), console.tail());
            // dnsmasq's lease for it lasts two minutes (its host's <lease>), so a freed address is soon free again
            assertEquals(2, NetworkSpec.parse(lv.libvirt().networks().xml(subnet.network()).orElseThrow()).dhcpHosts()
                    .stream().filter(h -> h.mac().equalsIgnoreCase(i.mac())).findFirst().orElseThrow().leaseMinutes());
            long expiry = lv.libvirt().networks().leases(subnet.network()).stream()
                    .filter(l -> l.mac().equalsIgnoreCase(i.mac())).findFirst().orElseThrow().expiry();
            long now = java.time.Instant.now().getEpochSecond();
            assertTrue(expiry <= now + 120 + 5, "a lease taken before now, for two minutes, expires "
                    + (expiry - now) + " s from now");
            assertEquals(List.of(i.instanceId()), lv.instances().describe(List.of(), List.of(
                    new Filter("subnet-id", List.of(subnet.subnetId())),
                    new Filter("vpc-id", List.of(vpc.vpcId())),
                    new Filter("private-ip-address", List.of(i.privateIp().get())))).stream()
                    .map(Instance::instanceId).toList());
            assertEquals(ErrorCode.DEPENDENCY_VIOLATION, assertThrows(Ec2Exception.class,
                    () -> lv.vpcs().deleteSubnet(subnet.subnetId())).code());
            assertEquals(ErrorCode.DEPENDENCY_VIOLATION, assertThrows(Ec2Exception.class,
                    () -> lv.securityGroups().deleteVpc(vpc.vpcId())).code());
        } finally {
            lv.instances().terminate(List.of(i.instanceId()));
        }
        assertEquals(subnet.assignableCount(), lv.vpcs().availableIpAddressCount(subnet), "address freed");
        lv.vpcs().deleteSubnet(subnet.subnetId());
        assertTrue(lv.libvirt().networks().xml(subnet.network()).isEmpty(), "subnet network removed");
        lv.securityGroups().deleteVpc(vpc.vpcId()); // with its default group and that group's nwfilter
    }
}
