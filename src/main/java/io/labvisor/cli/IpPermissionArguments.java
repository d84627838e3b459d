package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.net.sg.IpPermission;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS CLI's {@code --ip-permissions}: shorthand items ({@code IpProtocol=tcp,FromPort=22,ToPort=22,
 * IpRanges=[{CidrIp=10.0.0.0/16}]}) or JSON (a list of permissions, or one). Fields are EC2's IpPermission:
 * IpProtocol, FromPort, ToPort, IpRanges[].CidrIp, UserIdGroupPairs[].GroupId; the meaning of each (protocol numbers,
 * which ports are required) is {@link IpPermission#ofEc2}, as for the Query API. One permission with several peers
 * is one rule per peer. What labvisor cannot honour (IPv6 ranges, prefix lists, descriptions) is refused.
 */
final class IpPermissionArguments {
    private static final Set<String> FIELDS = Set.of("IpProtocol", "FromPort", "ToPort", "IpRanges", "UserIdGroupPairs",
            "Ipv6Ranges", "PrefixListIds");

    private IpPermissionArguments() {
    }

    static List<IpPermission> parse(List<String> items) {
        List<IpPermission> out = new ArrayList<>();
        for (String item : items) {
            String s = item.strip();
            for (JsonNode p : s.startsWith("[") || s.startsWith("{") ? json(s) : List.of(Shorthand.parse(s))) {
                out.addAll(permission(p));
            }
        }
        return out;
    }

    private static List<JsonNode> json(String text) {
        try {
            JsonNode root = new ObjectMapper().readTree(text);
            List<JsonNode> out = new ArrayList<>();
            (root.isArray() ? root : List.of(root)).forEach(out::add);
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Ec2Exception.invalidParameter("Malformed --ip-permissions JSON: " + e.getOriginalMessage());
        }
    }

    private static List<IpPermission> permission(JsonNode p) {
        if (!p.isObject()) {
            throw Ec2Exception.invalidParameter("An IpPermission must be a structure: " + p);
        }
        for (Iterator<String> names = p.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new Ec2Exception(ErrorCode.UNKNOWN_PARAMETER, "Unknown IpPermission field: " + name);
            }
        }
        for (String unsupported : List.of("Ipv6Ranges", "PrefixListIds")) {
            if (!p.path(unsupported).isEmpty()) {
                throw new Ec2Exception(ErrorCode.UNKNOWN_PARAMETER, "labvisor does not support " + unsupported);
            }
        }
        if (!p.hasNonNull("IpProtocol")) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "An IpPermission needs IpProtocol: " + p);
        }
        String protocol = p.get("IpProtocol").asText();
        Optional<Integer> from = port(p, "FromPort");
        Optional<Integer> to = port(p, "ToPort");
        List<String> cidrs = peers(p, "IpRanges", "CidrIp");
        List<String> groups = peers(p, "UserIdGroupPairs", "GroupId");
        if (cidrs.isEmpty() && groups.isEmpty()) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The permission must name a peer: IpRanges or "
                    + "UserIdGroupPairs: " + p);
        }
        List<IpPermission> out = new ArrayList<>();
        cidrs.forEach(c -> out.add(IpPermission.ofEc2(protocol, from, to, c, null)));
        groups.forEach(g -> out.add(IpPermission.ofEc2(protocol, from, to, null, g)));
        return out;
    }

    private static Optional<Integer> port(JsonNode p, String field) {
        if (!p.hasNonNull(field)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(p.get(field).asText().strip()));
        } catch (NumberFormatException e) {
            throw Ec2Exception.invalidParameter("Invalid " + field + " '" + p.get(field).asText() + "'");
        }
    }

    /** The {@code key} of every item of list {@code field}; an item with anything else is refused. */
    private static List<String> peers(JsonNode p, String field, String key) {
        List<String> out = new ArrayList<>();
        JsonNode list = p.path(field);
        if (!list.isMissingNode() && !list.isArray()) {
            throw Ec2Exception.invalidParameter(field + " must be a list: " + list);
        }
        for (JsonNode item : list) {
            for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals(key) && !(name.equals("UserId") && key.equals("GroupId"))) {
                    throw new Ec2Exception(ErrorCode.UNKNOWN_PARAMETER, "labvisor does not support " + field + "."
                            + name);
                }
            }
            if (!item.hasNonNull(key)) {
                throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, field + " items need " + key + ": " + item);
            }
            out.add(item.get(key).asText());
        }
        return out;
    }
}
