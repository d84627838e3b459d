package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.JsonRenderer;
import io.labvisor.iam.NewAccessKey;
import picocli.CommandLine.Command;

@Command(name = "create-access-key",
        description = "Create an access key for the EC2 Query API (served by labvisord); the secret is shown only now.")
final class CreateAccessKeyCommand extends Ec2Command {
    @Override
    String operation() {
        return "CreateAccessKey";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        NewAccessKey created = labvisor.accessKeys().create();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode key = root.putObject("AccessKey");
        key.put("UserName", created.key().userName());
        key.put("AccessKeyId", created.key().accessKeyId());
        key.put("Status", created.key().status().label());
        key.put("SecretAccessKey", created.secretAccessKey());
        key.put("CreateDate", JsonRenderer.time(created.key().createDate()));
        return root;
    }
}
