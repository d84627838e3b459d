package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labvisor.ec2.Ec2Exception;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS CLI's {@code --block-device-mappings} of ModifyInstanceAttribute, in its JSON form:
 * {@code [{"DeviceName":"/dev/sdf","Ebs":{"DeleteOnTermination":true}}]}. Only DeleteOnTermination can change.
 */
final class BlockDeviceMappingChanges {
    private BlockDeviceMappingChanges() {
    }

    /** Device name to its new DeleteOnTermination, in order. */
    static Map<String, Boolean> parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw Ec2Exception.invalidParameter("--block-device-mappings must be JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw Ec2Exception.invalidParameter("--block-device-mappings must be a non-empty JSON list");
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (JsonNode m : root) {
            JsonNode device = m.get("DeviceName");
            JsonNode dot = m.path("Ebs").get("DeleteOnTermination");
            if (device == null || !device.isTextual() || dot == null || !dot.isBoolean()) {
                throw Ec2Exception.invalidParameter("each mapping needs DeviceName and Ebs.DeleteOnTermination "
                        + "(true or false): " + m);
            }
            out.put(device.asText(), dot.asBoolean());
        }
        return out;
    }
}
