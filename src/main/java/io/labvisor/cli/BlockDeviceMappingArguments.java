package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.compute.BlockDeviceMapping;
import io.labvisor.ec2.Ec2Exception;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * run-instances' {@code --block-device-mappings}, as the AWS CLI takes it: JSON
 * ({@code [{"DeviceName":"/dev/sdf","Ebs":{"VolumeSize":1,"VolumeType":"gp3"}}]}) or shorthand, one mapping per
 * argument ({@code DeviceName=/dev/sdf,Ebs={VolumeSize=1,VolumeType=gp3,DeleteOnTermination=false}},
 * {@code DeviceName=/dev/sdb,VirtualName=ephemeral0}, {@code DeviceName=/dev/sdc,NoDevice=""}). Unknown keys are
 * refused, as the AWS CLI's parameter validation refuses them.
 */
final class BlockDeviceMappingArguments {
    private static final Set<String> MAPPING_KEYS = Set.of("DeviceName", "Ebs", "VirtualName", "NoDevice");
    private static final Set<String> EBS_KEYS = Set.of("VolumeSize", "VolumeType", "Iops", "Throughput",
            "DeleteOnTermination", "SnapshotId", "Encrypted");

    private BlockDeviceMappingArguments() {
    }

    static List<BlockDeviceMapping> parse(List<String> args) {
        List<BlockDeviceMapping> out = new ArrayList<>();
        if (args == null) {
            return out;
        }
        for (String arg : args) {
            String s = arg.strip();
            if (s.startsWith("[") || s.startsWith("{")) {
                JsonNode root = json(s);
                for (JsonNode m : root.isArray() ? root : List.of(root)) {
                    out.add(mapping(m));
                }
            } else {
                out.add(mapping(new Shorthand(s).object()));
            }
        }
        return out;
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw Ec2Exception.invalidParameter("--block-device-mappings is not valid JSON: " + e.getMessage());
        }
    }

    private static BlockDeviceMapping mapping(JsonNode m) {
        if (!m.isObject()) {
            throw Ec2Exception.invalidParameter("Invalid block device mapping: " + m);
        }
        checkKeys(m, MAPPING_KEYS, "BlockDeviceMappings");
        JsonNode ebs = m.get("Ebs");
        Optional<BlockDeviceMapping.Ebs> parsedEbs = Optional.empty();
        if (ebs != null) {
            if (!ebs.isObject()) {
                throw Ec2Exception.invalidParameter("Invalid Ebs of block device mapping: " + ebs);
            }
            checkKeys(ebs, EBS_KEYS, "BlockDeviceMappings.Ebs");
            if (bool(ebs, "Encrypted").orElse(false)) {
                throw Ec2Exception.invalidParameter("Encrypted EBS volumes are not supported by labvisor");
            }
            parsedEbs = Optional.of(new BlockDeviceMapping.Ebs(integer(ebs, "VolumeSize"), text(ebs, "VolumeType"),
                    integer(ebs, "Iops"), integer(ebs, "Throughput"), bool(ebs, "DeleteOnTermination"),
                    text(ebs, "SnapshotId")));
        }
        return new BlockDeviceMapping(text(m, "DeviceName").orElse(null), parsedEbs, text(m, "VirtualName"),
                m.has("NoDevice"));
    }

    private static void checkKeys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw Ec2Exception.invalidParameter("Unknown parameter in " + where + ": \"" + key
                        + "\", must be one of: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static Optional<String> text(JsonNode n, String key) {
        return Optional.ofNullable(n.get(key)).map(JsonNode::asText);
    }

    private static Optional<Integer> integer(JsonNode n, String key) {
        return text(n, key).map(v -> {
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw Ec2Exception.invalidParameter("Invalid value for " + key + ": \"" + v + "\" is not an integer");
            }
        });
    }

    private static Optional<Boolean> bool(JsonNode n, String key) {
        return text(n, key).map(v -> switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Ec2Exception.invalidParameter("Invalid value for " + key + ": \"" + v
                    + "\" (true or false)");
        });
    }

    /** The AWS CLI's shorthand for one structure: {@code Key=value,Key={Key=value,...}}; values are text. */
    private static final class Shorthand {
        private final String text;
        private int pos;

        Shorthand(String text) {
            this.text = text;
        }

        ObjectNode object() {
            ObjectNode node = structure();
            if (pos != text.length()) {
                throw malformed();
            }
            return node;
        }

        private ObjectNode structure() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            while (true) {
                int eq = text.indexOf('=', pos);
                if (eq < 0) {
                    throw malformed();
                }
                String key = text.substring(pos, eq).strip();
                if (key.isEmpty() || !key.chars().allMatch(Character::isLetterOrDigit)) {
                    throw malformed();
                }
                pos = eq + 1;
                if (pos < text.length() && text.charAt(pos) == '{') {
                    pos++;
                    node.set(key, structure());
                    if (pos >= text.length() || text.charAt(pos) != '}') {
                        throw malformed();
                    }
                    pos++;
                } else {
                    int end = pos;
                    while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '}') {
                        end++;
                    }
                    node.put(key, unquote(text.substring(pos, end).strip()));
                    pos = end;
                }
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                return node;
            }
        }

        private static String unquote(String v) {
            return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
        }

        private Ec2Exception malformed() {
            return Ec2Exception.invalidParameter("Malformed block device mapping '" + text + "': expected "
                    + "DeviceName=<name>,Ebs={VolumeSize=<GiB>,VolumeType=<type>,...}, VirtualName=ephemeralN or "
                    + "NoDevice=\"\"");
        }
    }
}
