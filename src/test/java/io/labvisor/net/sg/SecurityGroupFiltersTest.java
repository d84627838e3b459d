package io.labvisor.net.sg;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.virtxml.NwFilterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SecurityGroupFiltersTest {
    private static final Path VALIDATOR = Path.of("/usr/bin/virt-xml-validate");
    private static final String G = "sg-0123456789abcdef0";
    private static final String OTHER = "sg-0fedcba9876543210";

    @TempDir
    Path dir;

    private final List<IpPermission> rules = List.of(
            IpPermission.parse("tcp", "22", "10.0.0.0/16", null),
            IpPermission.parse("udp", "5000-5010", "192.168.1.7/32", null),
            IpPermission.parse("icmp", null, "10.0.1.5/32", null),
            IpPermission.parse("-1", null, null, OTHER));

    private final List<IpPermission> egress = List.of(
            IpPermission.allToAnywhere(),
            IpPermission.parse("tcp", "443", "10.1.0.0/16", null),
            IpPermission.parse("icmp", null, null, OTHER));

    private NwFilterSpec group() {
        return SecurityGroupFilters.group(G, rules, egress,
                id -> Map.of(OTHER, List.of("10.0.1.8", "10.0.1.9")).get(id));
    }

    @Test
    void eachPermissionIsAnInboundAcceptSourceGroupsExpandToMembers() {
        NwFilterSpec f = group();
        assertEquals("labvisor-sg-" + G, f.name());
        assertEquals(5 + 4, f.rules().size());
        NwFilterSpec.Rule ssh = f.rules().get(0);
        assertEquals(NwFilterSpec.Direction.IN, ssh.direction());
        assertEquals(Map.of("srcipaddr", "10.0.0.0", "srcipmask", "16", "dstportstart", "22", "dstportend", "22"),
                ssh.match());
        assertEquals("icmp", f.rules().get(2).protocol());
        assertEquals("all", f.rules().get(3).protocol());
        assertEquals("10.0.1.9", f.rules().get(4).match().get("srcipaddr"));
    }

    @Test
    void egressPermissionsAreOutboundAcceptsFromTheNicToTheDestination() {
        List<NwFilterSpec.Rule> out = group().rules().subList(5, 9);
        assertTrue(out.stream().allMatch(r -> r.direction() == NwFilterSpec.Direction.OUT
                && r.action() == NwFilterSpec.Action.ACCEPT && r.priority() == 500));
        assertEquals("all", out.get(0).protocol());
        assertEquals(Map.of("srcipaddr", "$IP", "dstipaddr", "0.0.0.0", "dstipmask", "0"), out.get(0).match());
        assertEquals(Map.of("srcipaddr", "$IP", "dstipaddr", "10.1.0.0", "dstipmask", "16",
                "dstportstart", "443", "dstportend", "443"), out.get(1).match());
        assertEquals("icmp", out.get(2).protocol());
        assertEquals(List.of("10.0.1.8", "10.0.1.9"), out.subList(2, 4).stream()
                .map(r -> r.match().get("dstipaddr")).toList(), "a group destination expands to its members");
        String xml = group().toXml();
        assertTrue(xml.contains("<rule action=\"accept\" direction=\"out\" priority=\"500\">"), xml);
    }

    @Test
    void withoutEgressPermissionsAGroupAcceptsNothingOutbound() {
        NwFilterSpec f = SecurityGroupFilters.group(G, rules, List.of(), id -> List.of("10.0.1.8"));
        assertTrue(f.rules().stream().noneMatch(r -> r.direction() == NwFilterSpec.Direction.OUT));
    }

    @Test
    void instanceFilterKeepsArpDhcpAndMetadataAndDropsEverythingElseBothWays() {
        NwFilterSpec eni = SecurityGroupFilters.eni("i-0123456789abcdef0", List.of(G));
        List<NwFilterSpec.Rule> accepts = eni.rules().stream()
                .filter(r -> r.action() == NwFilterSpec.Action.ACCEPT).toList();
        assertTrue(accepts.stream().allMatch(r -> r.priority() < 500), "before every group rule");
        assertEquals(List.of("arp", "udp", "udp", "tcp"), accepts.stream().map(NwFilterSpec.Rule::protocol).toList());
        assertEquals(Map.of("srcipaddr", "$IP", "dstipaddr", "169.254.169.254", "dstportstart", "80"),
                accepts.get(3).match(), "the metadata service whatever the outbound rules");
        assertEquals(NwFilterSpec.Direction.OUT, accepts.get(3).direction());
        List<NwFilterSpec.Rule> drops = eni.rules().stream()
                .filter(r -> r.action() == NwFilterSpec.Action.DROP).toList();
        assertEquals(List.of(NwFilterSpec.Direction.IN, NwFilterSpec.Direction.OUT),
                drops.stream().map(NwFilterSpec.Rule::direction).toList());
        assertTrue(drops.stream().allMatch(r -> r.priority() == 1000 && r.protocol().equals("all")));
        assertTrue(eni.rules().stream().noneMatch(r -> r.direction() == NwFilterSpec.Direction.OUT
                && r.action() == NwFilterSpec.Action.ACCEPT && r.protocol().equals("all")),
                "no blanket outbound accept: the groups' egress rules decide");
    }

    @Test
    void instanceFilterAllowsDhcpArpOutboundAndDropsOtherInbound() {
        NwFilterSpec eni = SecurityGroupFilters.eni("i-0123456789abcdef0", List.of(G, OTHER));
        assertEquals("labvisor-eni-i-0123456789abcdef0", eni.name());
        assertEquals(List.of("labvisor-sg-" + G, "labvisor-sg-" + OTHER),
                eni.refs().stream().map(NwFilterSpec.Ref::filter).toList());
        NwFilterSpec.Rule last = eni.rules().get(eni.rules().size() - 1);
        assertEquals(NwFilterSpec.Action.DROP, last.action());
        assertEquals(1000, last.priority(), "after every accept");
        assertTrue(eni.toXml().contains("$IP"), "outbound only from its own address");
    }

    @Test
    void rulesParseAsTheAwsCliTakesThem() {
        assertEquals(80, IpPermission.parse("TCP", "80-90", "0.0.0.0/0", null).fromPort());
        assertEquals("-1", IpPermission.parse("all", null, "0.0.0.0/0", null).protocol());
        assertThrows(Ec2Exception.class, () -> IpPermission.parse("gre", null, "0.0.0.0/0", null));
        assertThrows(Ec2Exception.class, () -> IpPermission.parse("tcp", null, "0.0.0.0/0", null));
        assertThrows(Ec2Exception.class, () -> IpPermission.parse("tcp", "90-80", "0.0.0.0/0", null));
        assertThrows(Ec2Exception.class, () -> IpPermission.parse("tcp", "22", null, null));
        assertThrows(Ec2Exception.class, () -> IpPermission.parse("tcp", "22", "10.0.0.0/8", G));
        assertThrows(Ec2Exception.class, () -> IpPermission.parse("icmp", null, null, "sg-nope"));
    }

    @Test
    void filtersPassLibvirtSchema() throws Exception {
        assumeTrue(Files.isExecutable(VALIDATOR), "virt-xml-validate is not installed");
        for (NwFilterSpec f : List.of(group(), group().withUuid("3e3fce45-4f53-4fa7-bb32-11f34168b82b"),
                SecurityGroupFilters.eni("i-0123456789abcdef0", List.of(G)))) {
            Path file = dir.resolve(f.name() + ".xml");
            Files.writeString(file, f.toXml());
            Process p = new ProcessBuilder(VALIDATOR.toString(), file.toString(), "nwfilter")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out + "\n" + f.toXml());
        }
    }
}
