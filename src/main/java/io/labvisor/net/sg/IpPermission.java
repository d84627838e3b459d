package io.labvisor.net.sg;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.ResourceId;
import io.labvisor.net.Cidr;

import java.util.Optional;

/**
 * One permission of a group, inbound or outbound: a protocol (tcp, udp, icmp, or -1 for all), a port range (-1 for
 * none) and the peer, either an address block or the members of a group (the source of an inbound permission, the
 * destination of an outbound one).
 */
public record IpPermission(String protocol, int fromPort, int toPort, Optional<Cidr> cidr,
                           Optional<String> sourceGroupId) {

    public IpPermission {
        if (cidr.isPresent() == sourceGroupId.isPresent()) {
            throw Ec2Exception.invalidParameter("Give exactly one of --cidr and --source-group");
        }
    }

    /** From the CLI's terms: protocol name or number-less "-1"/"all", port N, N-M or -1. */
    public static IpPermission parse(String protocol, String port, String cidr, String sourceGroup) {
        String p = protocol == null ? "-1" : protocol.strip().toLowerCase();
        if (p.equals("all")) {
            p = "-1";
        }
        if (!p.equals("tcp") && !p.equals("udp") && !p.equals("icmp") && !p.equals("-1")) {
            throw Ec2Exception.invalidParameter("Invalid value '" + protocol + "' for IP protocol. Unknown protocol.");
        }
        int from = -1;
        int to = -1;
        if (p.equals("tcp") || p.equals("udp")) {
            if (port == null) {
                throw Ec2Exception.invalidParameter("--port is required for " + p);
            }
            String[] parts = port.split("-", 2);
            try {
                from = Integer.parseInt(parts[0].strip());
                to = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : from;
            } catch (NumberFormatException e) {
                throw Ec2Exception.invalidParameter("Invalid port '" + port + "': use N or N-M");
            }
            if (from < 0 || to > 65535 || from > to) {
                throw Ec2Exception.invalidParameter("Invalid port range " + port);
            }
        }
        if (sourceGroup != null && !ResourceId.SECURITY_GROUP.isValid(sourceGroup)) {
            throw Ec2Exception.invalidParameter("Invalid id: \"" + sourceGroup + "\"");
        }
        return new IpPermission(p, from, to, Optional.ofNullable(cidr).map(Cidr::parse), Optional.ofNullable(sourceGroup));
    }

    /** Everything to anywhere: the outbound rule every new group starts with, as EC2. */
    public static IpPermission allToAnywhere() {
        return new IpPermission("-1", -1, -1, Optional.of(Cidr.parse("0.0.0.0/0")), Optional.empty());
    }

    /** Everything from the members of {@code groupId}: the default group's rule. */
    public static IpPermission allFrom(String groupId) {
        return new IpPermission("-1", -1, -1, Optional.empty(), Optional.of(groupId));
    }

    /**
     * EC2's terms (the Query API's and the AWS CLI's {@code --ip-permissions}): protocol names or numbers and a port
     * range; ICMP types and codes are all or none.
     */
    public static IpPermission ofEc2(String protocol, Optional<Integer> from, Optional<Integer> to, String cidr, String group) {
        String p = switch (protocol.strip().toLowerCase()) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "all" -> "-1";
            default -> protocol.strip().toLowerCase();
        };
        String port = null;
        if (p.equals("tcp") || p.equals("udp")) {
            if (from.isEmpty() || to.isEmpty()) {
                throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "FromPort and ToPort are required for " + p);
            }
            port = from.get() + "-" + to.get();
        } else if (p.equals("icmp") && (from.filter(f -> f != -1).isPresent() || to.filter(t -> t != -1).isPresent())) {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION,
                    "labvisor's ICMP rules cover every type and code: use -1 for FromPort and ToPort");
        }
        return parse(p, port, cidr, group);
    }
}
