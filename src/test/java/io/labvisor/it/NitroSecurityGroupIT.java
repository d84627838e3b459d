package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.card.NetworkCardSpec;
import io.labvisor.compute.Instance;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.image.Image;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;
import io.labvisor.net.sg.IpPermission;
import io.labvisor.net.sg.SecurityGroup;
import io.labvisor.net.sg.SecurityGroupFilters;
import io.labvisor.virtxml.NwFilterBindingSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security groups on nitro NICs: the guests' filters are libvirt nwfilter bindings on their network cards' taps.
 * Guest A pings guest B once a second from user data (LABVISOR-PING lines, docs/CONTRACTS.md), both through their
 * own DPDK cards; B's group lets A in only while an ICMP rule for A's address exists.
 */
class NitroSecurityGroupIT {
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
    void icmpRuleOpensAndRevokeClosesTrafficOnRunningGuests() throws Exception {
        Labvisor lv = host.labvisor();
        int x = ThreadLocalRandom.current().nextInt(64, 250);
        Vpc vpc = lv.vpcs().createVpc("10." + x + ".0.0/16");
        Subnet subnet = lv.vpcs().createSubnet(vpc.vpcId(), "10." + x + ".1.0/24");
        SecurityGroup g = lv.securityGroups().create("pingers", "test", vpc.vpcId());
        List<String> ids = new ArrayList<>();
        List<String> taps = new ArrayList<>();
        try {
            RunRequest base = RunRequest.of(ami.imageId(), "t3.nano", 1).withIoProfile(IoProfile.NITRO)
                    .withSubnet(subnet.subnetId())
                    .withSecurityGroups(List.of(g.groupId()));
            Instance b = lv.instances().run(base).instances().get(0);
            ids.add(b.instanceId());
            String peer = b.privateIp().orElseThrow();
            Instance a = lv.instances().run(base.withUserData(GuestPings.loop(peer))).instances().get(0);
            ids.add(a.instanceId());
            ConsoleLog consoleA = new ConsoleLog(Path.of(a.consoleLog()));
            ConsoleLog consoleB = new ConsoleLog(Path.of(b.consoleLog()));
            consoleB.await("LABVISOR-NET", Duration.ofMinutes(4))
                    .orElseThrow(() -> new AssertionError("B got no lease:\n" + consoleB.tail()));
            consoleA.await("LABVISOR-NET", Duration.ofMinutes(4))
                    .orElseThrow(() -> new AssertionError("A got no lease:\n" + consoleA.tail()));

            for (Instance i : List.of(a, b)) {
                NetworkCardSpec card = lv.cards().networkSpec(i);
                NwFilterBindingSpec bound = lv.libvirt().nwfilterBindings().find(card.tap())
                        .orElseThrow(() -> new AssertionError("no filter on the tap of " + i.instanceId()));
                assertEquals(SecurityGroupFilters.eniFilter(i.instanceId()), bound.filter().filter());
                assertEquals(i.privateIp().orElseThrow(), bound.filter().parameters().get("IP"));
                assertEquals(i.mac(), bound.mac());
                taps.add(card.tap());
            }

            GuestPings.awaitAfterNow(consoleA, "fail", 3, "no rule: B's group drops A's pings");
            IpPermission icmpFromA = IpPermission.parse("icmp", null, a.privateIp().orElseThrow() + "/32", null);
            lv.securityGroups().authorize(g.groupId(), icmpFromA);
            GuestPings.awaitAfterNow(consoleA, "ok", 3, "ICMP from A's address allowed on the running NIC");
            lv.securityGroups().revoke(g.groupId(), icmpFromA);
            GuestPings.awaitAfterNow(consoleA, "fail", 3, "revoked: traffic cut on the running guests");
        } finally {
            if (!ids.isEmpty()) {
                lv.instances().terminate(ids);
            }
            lv.securityGroups().delete(g.groupId());
            lv.vpcs().deleteSubnet(subnet.subnetId());
            lv.securityGroups().deleteVpc(vpc.vpcId());
        }
        assertTrue(lv.libvirt().networks().xml(subnet.network()).isEmpty());
        for (String tap : taps) {
            assertTrue(lv.libvirt().nwfilterBindings().find(tap).isEmpty(), "binding of " + tap + " deleted");
        }
    }
}
