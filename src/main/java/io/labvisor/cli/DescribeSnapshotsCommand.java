package io.labvisor.cli;

import io.labvisor.operation.volume.VolumeRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "describe-snapshots", description = "List snapshots.")
final class DescribeSnapshotsCommand extends OperationCommand {
    @Option(names = "--snapshot-ids", arity = "1..*")
    List<String> snapshotIds;

    @Option(names = "--owner-ids", arity = "1..*", description = "self or the lab's account: every snapshot is yours")
    List<String> owners;

    @Option(names = "--filters", arity = "1..*", description = "snapshot-id, volume-id, status, volume-size, tag:<key>, "
            + "tag-key")
    List<String> filters;

    @Option(names = "--max-results", description = "5-1000 per page")
    Integer maxResults;

    @Option(names = "--next-token")
    String nextToken;

    @Override
    String operation() {
        return "DescribeSnapshots";
    }

    @Override
    Record request() {
        return new VolumeRequests.DescribeSnapshots(snapshotIds, owners, null, Filters.parse(filters), maxResults,
                nextToken);
    }
}
