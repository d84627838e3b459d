package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete-access-key", description = "Delete an access key; requests signed with it fail from then on.")
final class DeleteAccessKeyCommand extends Ec2Command {
    @Option(names = "--access-key-id", required = true)
    String accessKeyId;

    @Override
    String operation() {
        return "DeleteAccessKey";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        labvisor.accessKeys().delete(accessKeyId);
        return null; // the AWS CLI prints nothing for DeleteAccessKey
    }
}
