package io.labvisor.it;

import io.labvisor.Labvisor;
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
 * Issue 4: security groups are nwfilters on the running NICs. Guest A pings guest B once a second from user data
 * (LABVISOR-PING lines, docs/CONTRACTS.md); B's group lets A in only while an ICMP rule for A's address exists, and
 * A's group lets A's pings out only while it has an outbound rule that covers them.
 */
class SecurityGroupIT {
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
        try {
            // virtio: the filters on the taps libvirt makes for QEMU (NitroSecurityGroupIT: on network cards' taps)
            RunRequest base = RunRequest.of(ami.imageId(), "t3.nano", 1).withIoProfile(IoProfile.VIRTIO)
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
    }

    /**
     * Egress: A pings B (B's group lets A's group in). A's group loses its default outbound rule and the pings stop
     * while both guests run; an outbound ICMP rule to B's address brings them back. B's group has no outbound rule
     * at all throughout: its echo replies go out as replies to allowed inbound traffic (stateful, as EC2). A reaches
     * the metadata service whatever its outbound rules (401: the loop asks without an IMDSv2 token).
     */
    @Test
    void egressRulesDecideOutboundTrafficOfRunningGuests() throws Exception {
        egressRulesDecideOutboundTraffic(IoProfile.VIRTIO);
    }

    /** The same on nitro NICs: their filter is on the network card's tap (a binding, or libvirt's vhost-net tap). */
    @Test
    void egressRulesDecideOutboundTrafficOfRunningNitroGuests() throws Exception {
        egressRulesDecideOutboundTraffic(IoProfile.NITRO);
    }

    private static void egressRulesDecideOutboundTraffic(IoProfile profile) throws Exception {
        Labvisor lv = host.labvisor();
        int x = ThreadLocalRandom.current().nextInt(64, 250);
        Vpc vpc = lv.vpcs().createVpc("10." + x + ".0.0/16");
        Subnet subnet = lv.vpcs().createSubnet(vpc.vpcId(), "10." + x + ".2.0/24");
        SecurityGroup ga = lv.securityGroups().create("egress-a", "test", vpc.vpcId());
        SecurityGroup gb = lv.securityGroups().create("egress-b", "test", vpc.vpcId());
        List<String> ids = new ArrayList<>();
        try {
            assertEquals(List.of(IpPermission.allToAnywhere()), lv.securityGroups().describe(List.of(ga.groupId()))
                    .get(0).egress(), "a new group may send anything anywhere, as EC2");
            lv.securityGroups().authorize(gb.groupId(), IpPermission.parse("icmp", null, null, ga.groupId()));
            lv.securityGroups().revokeEgress(gb.groupId(), List.of(IpPermission.allToAnywhere()));
            RunRequest base = RunRequest.of(ami.imageId(), "t3.nano", 1).withIoProfile(profile)
                    .withSubnet(subnet.subnetId());
            Instance b = lv.instances().run(base.withSecurityGroups(List.of(gb.groupId()))).instances().get(0);
            ids.add(b.instanceId());
            String peer = b.privateIp().orElseThrow();
            Instance a = lv.instances().run(base.withSecurityGroups(List.of(ga.groupId())).withUserData("#!/bin/sh\n"
                    + "while true; do\n"
                    + "  if ping -c1 -W1 " + peer + " >/dev/null 2>&1; then r=ok; else r=fail; fi\n"
                    + "  m=$(printf 'GET /latest/meta-data/instance-id HTTP/1.0\\r\\n\\r\\n' "
                    + "| timeout 5 nc -w 3 169.254.169.254 80 | head -n1 | cut -d' ' -f2)\n"
                    + "  echo \"LABVISOR-PING peer=" + peer + " result=$r imds=${m:-none}\"\n"
                    + "  sleep 1\n"
                    + "done &\n")).instances().get(0);
            ids.add(a.instanceId());
            ConsoleLog consoleA = new ConsoleLog(Path.of(a.consoleLog()));
            consoleA.await("LABVISOR-NET", Duration.ofMinutes(4))
                    .orElseThrow(() -> new AssertionError("A got no lease:\n" + consoleA.tail()));

            GuestPings.awaitAfterNow(consoleA, "ok", 3, "A's default outbound rule; B answers with no outbound rule of its own");
            lv.securityGroups().revokeEgress(ga.groupId(), List.of(IpPermission.allToAnywhere()));
            List<GuestLine> cut = GuestPings.awaitAfterNow(consoleA, "fail", 3, "A's group lost its outbound rule");
            assertTrue(cut.stream().allMatch(l -> "401".equals(l.get("imds"))),
                    "metadata service reachable without outbound rules: " + cut);
            lv.securityGroups().authorizeEgress(ga.groupId(), List.of(IpPermission.parse("icmp", null, peer + "/32", null)));
            GuestPings.awaitAfterNow(consoleA, "ok", 3, "outbound ICMP to B's address allowed on the running NIC");
        } finally {
            if (!ids.isEmpty()) {
                lv.instances().terminate(ids);
            }
            lv.securityGroups().delete(gb.groupId());
            lv.securityGroups().delete(ga.groupId());
            lv.vpcs().deleteSubnet(subnet.subnetId());
            lv.securityGroups().deleteVpc(vpc.vpcId());
        }
    }
}
