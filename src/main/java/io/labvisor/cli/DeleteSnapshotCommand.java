package io.labvisor.cli;

import io.labvisor.operation.volume.VolumeRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete-snapshot", description = "Delete a snapshot; volumes made from it keep their own copy.")
final class DeleteSnapshotCommand extends OperationCommand {
    @Option(names = "--snapshot-id", required = true)
    String snapshotId;

    @Override
    String operation() {
        return "DeleteSnapshot";
    }

    @Override
    Record request() {
        return new VolumeRequests.DeleteSnapshot(snapshotId);
    }
}
