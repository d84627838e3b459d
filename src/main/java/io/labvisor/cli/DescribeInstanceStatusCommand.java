package io.labvisor.cli;

import io.labvisor.operation.instance.InstanceRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "describe-instance-status",
        description = "Status checks of running instances (all instances with --include-all-instances).")
final class DescribeInstanceStatusCommand extends OperationCommand {
    @Option(names = "--instance-ids", arity = "1..*")
    List<String> instanceIds;

    @Option(names = "--include-all-instances")
    boolean includeAll;

    @Option(names = "--filters", arity = "1..*", description = "Name=instance-state-name,Values=running")
    List<String> filters;

    @Option(names = "--max-results", description = "5-1000 per page")
    Integer maxResults;

    @Option(names = "--next-token")
    String nextToken;

    @Override
    String operation() {
        return "DescribeInstanceStatus";
    }

    @Override
    Record request() {
        return new InstanceRequests.DescribeInstanceStatus(instanceIds, includeAll, Filters.parse(filters), maxResults,
                nextToken);
    }
}
