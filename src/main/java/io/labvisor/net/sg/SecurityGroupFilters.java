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
 * <li>{@code labvisor-sg-<group>}: one accepting rule per permission (per member address for a group peer),
 *     priority 500: inbound ones match the source, outbound ones the destination and the NIC's own address
 *     ({@code $IP}, passed down by the instance filter). libvirt's connection tracking lets the replies of an
 *     accepted connection through the other way, so a group is stateful as EC2's.</li>
 * <li>{@code labvisor-eni-<instance>} on the NIC (with {@code IP} = its private address): ARP, DHCP and the
 *     metadata service allowed whatever the groups say, the groups' filters, and every other IPv4 packet dropped
 *     both ways (priority 1000: after all accepts).</li>
 * </ul>
 */
public final class SecurityGroupFilters {
    static final int ALLOW_PRIORITY = 500;
    /** The instance metadata service (io.labvisor.imds), reachable as on EC2 whatever the outbound rules. */
    static final String METADATA_ADDRESS = "169.254.169.254";
    static final String METADATA_PORT = "80";

    private SecurityGroupFilters() {
    }

    public static String groupFilter(String groupId) {
        return "labvisor-sg-" + groupId;
    }

    public static String eniFilter(String instanceId) {
        return "labvisor-eni-" + instanceId;
    }

    /**
     * @param ingress   inbound permissions (peer = source)
     * @param egress    outbound permissions (peer = destination)
     * @param membersOf the private addresses of a group's live members
     */
    public static NwFilterSpec group(String groupId, List<IpPermission> ingress, List<IpPermission> egress,
                                     Function<String, List<String>> membersOf) {
        List<Rule> out = new ArrayList<>();
        for (IpPermission r : ingress) {
            peers(r, membersOf).forEach(source -> out.add(accept(r, source, Direction.IN)));
        }
        for (IpPermission r : egress) {
            peers(r, membersOf).forEach(destination -> out.add(accept(r, destination, Direction.OUT)));
        }
        return new NwFilterSpec(groupFilter(groupId), List.of(), out);
    }

    private static List<Cidr> peers(IpPermission r, Function<String, List<String>> membersOf) {
        return r.cidr().map(List::of).orElseGet(() -> r.sourceGroupId().map(membersOf).orElseThrow()
                .stream().map(ip -> Cidr.parse(ip + "/32")).toList());
    }

    private static Rule accept(IpPermission r, Cidr peer, Direction direction) {
        Map<String, String> match = new LinkedHashMap<>();
        if (direction == Direction.IN) {
            match.put("srcipaddr", Cidr.format(peer.network()));
            match.put("srcipmask", Integer.toString(peer.prefix()));
        } else {
            match.put("srcipaddr", "$IP");
            match.put("dstipaddr", Cidr.format(peer.network()));
            match.put("dstipmask", Integer.toString(peer.prefix()));
        }
        String protocol = r.protocol().equals("-1") ? "all" : r.protocol();
        if (r.fromPort() >= 0) {
            match.put("dstportstart", Integer.toString(r.fromPort()));
            match.put("dstportend", Integer.toString(r.toPort()));
        }
        return new Rule(Action.ACCEPT, direction, ALLOW_PRIORITY, protocol, match);
    }

    public static NwFilterSpec eni(String instanceId, List<String> groupIds) {
        List<NwFilterSpec.Ref> refs = groupIds.stream().map(g -> new NwFilterSpec.Ref(groupFilter(g), Map.of())).toList();
        List<Rule> rules = List.of(
                Rule.of(Action.ACCEPT, Direction.INOUT, -500, "arp"),
                Rule.of(Action.ACCEPT, Direction.OUT, -400, "udp", "srcportstart", "68", "dstportstart", "67"),
                Rule.of(Action.ACCEPT, Direction.IN, -400, "udp", "srcportstart", "67", "dstportstart", "68"),
                Rule.of(Action.ACCEPT, Direction.OUT, 100, "tcp", "srcipaddr", "$IP",
                        "dstipaddr", METADATA_ADDRESS, "dstportstart", METADATA_PORT),
                Rule.of(Action.DROP, Direction.IN, 1000, "all"),
                Rule.of(Action.DROP, Direction.OUT, 1000, "all"));
        return new NwFilterSpec(eniFilter(instanceId), null, "root", null, refs, rules);
    }
}
