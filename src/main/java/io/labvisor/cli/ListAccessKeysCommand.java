package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.JsonRenderer;
import io.labvisor.iam.AccessKey;
import picocli.CommandLine.Command;

@Command(name = "list-access-keys", description = "List the EC2 Query API's access keys (never their secrets).")
final class ListAccessKeysCommand extends Ec2Command {
    @Override
    String operation() {
        return "ListAccessKeys";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("AccessKeyMetadata");
        for (AccessKey k : labvisor.accessKeys().list()) {
            ObjectNode n = list.addObject();
            n.put("UserName", k.userName());
            n.put("AccessKeyId", k.accessKeyId());
            n.put("Status", k.status().label());
            n.put("CreateDate", JsonRenderer.time(k.createDate()));
        }
        return root;
    }
}
