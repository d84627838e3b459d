package io.labvisor.net.sg;

import io.labvisor.net.Cidr;
import io.labvisor.virtxml.NwFilterSpec;
import io.labvisor.virtxml.NwFilterSpec.Action;
import io.labvisor.virtxml.NwFilterSpec.Direction;
import io.labvisor.virtxml.NwFilterSpec.Rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Security groups as nwfilters. Pure: builds the filters, never calls libvirt.
 * <ul>
 * <li>{@code labvisor-sg-<group>}: one accepting inbound rule per permission (per member address for a
 *     source-group permission), priority 500.</li>
 * <li>{@code labvisor-eni-<instance>} on the NIC (with {@code IP} = its private address): ARP and DHCP allowed,
 *     outbound from its own address allowed (libvirt's connection tracking lets the replies back in), the
 *     groups' filters, and every other inbound IPv4 packet dropped (priority 1000: after all accepts).</li>
 * </ul>
 */
public final class SecurityGroupFilters {
    static final int ALLOW_PRIORITY = 500;

    private SecurityGroupFilters() {
    }

    public static String groupFilter(String groupId) {
        return "labvisor-sg-" + groupId;
    }

    public static String eniFilter(String instanceId) {
        return "labvisor-eni-" + instanceId;
    }

    /** @param membersOf the private addresses of a group's live members */
    public static NwFilterSpec group(String groupId, List<IngressRule> rules, Function<String, List<String>> membersOf) {
        List<Rule> out = new ArrayList<>();
        for (IngressRule r : rules) {
            List<Cidr> sources = r.cidr().map(List::of).orElseGet(() -> r.sourceGroupId().map(membersOf).orElseThrow()
                    .stream().map(ip -> Cidr.parse(ip + "/32")).toList());
            for (Cidr source : sources) {
                out.add(accept(r, source));
            }
        }
        return new NwFilterSpec(groupFilter(groupId), List.of(), out);
    }

    private static Rule accept(IngressRule r, Cidr source) {
        Map<String, String> match = new LinkedHashMap<>();
        match.put("srcipaddr", Cidr.format(source.network()));
        match.put("srcipmask", Integer.toString(source.prefix()));
        String protocol = r.protocol().equals("-1") ? "all" : r.protocol();
        if (r.fromPort() >= 0) {
            match.put("dstportstart", Integer.toString(r.fromPort()));
            match.put("dstportend", Integer.toString(r.toPort()));
        }
        return new Rule(Action.ACCEPT, Direction.IN, ALLOW_PRIORITY, protocol, match);
    }

    public static NwFilterSpec eni(String instanceId, List<String> groupIds) {
        List<NwFilterSpec.Ref> refs = groupIds.stream().map(g -> new NwFilterSpec.Ref(groupFilter(g), Map.of())).toList();
        List<Rule> rules = List.of(
                Rule.of(Action.ACCEPT, Direction.INOUT, -500, "arp"),
                Rule.of(Action.ACCEPT, Direction.OUT, -400, "udp", "srcportstart", "68", "dstportstart", "67"),
                Rule.of(Action.ACCEPT, Direction.IN, -400, "udp", "srcportstart", "67", "dstportstart", "68"),
                Rule.of(Action.ACCEPT, Direction.OUT, 100, "all", "srcipaddr", "$IP"),
                Rule.of(Action.DROP, Direction.IN, 1000, "all"));
        return new NwFilterSpec(eniFilter(instanceId), null, "root", null, refs, rules);
    }
}
