package io.labvisor.cli;

import io.labvisor.operation.volume.VolumeRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "describe-volumes", description = "List EBS volumes (root and data) with their attachments.")
final class DescribeVolumesCommand extends OperationCommand {
    @Option(names = "--volume-ids", arity = "1..*")
    List<String> volumeIds;

    @Option(names = "--filters", arity = "1..*", description = "volume-id, status, attachment.instance-id, "
            + "volume-type, size, ...")
    List<String> filters;

    @Option(names = "--max-results", description = "5-500 per page")
    Integer maxResults;

    @Option(names = "--next-token")
    String nextToken;

    @Override
    String operation() {
        return "DescribeVolumes";
    }

    @Override
    Record request() {
        return new VolumeRequests.DescribeVolumes(volumeIds, Filters.parse(filters), maxResults, nextToken);
    }
}
