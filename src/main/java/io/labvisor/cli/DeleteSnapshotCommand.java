package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete-snapshot", description = "Delete a snapshot; volumes made from it keep their own copy.")
final class DeleteSnapshotCommand extends Ec2Command {
    @Option(names = "--snapshot-id", required = true)
    String snapshotId;

    @Override
    String operation() {
        return "DeleteSnapshot";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        labvisor.snapshots().delete(snapshotId);
        return null;
    }
}
