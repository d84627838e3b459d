package io.labvisor.cli;

import io.labvisor.operation.instance.InstanceRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "describe-instances", description = "Show instances, grouped by reservation.")
final class DescribeInstancesCommand extends OperationCommand {
    @Option(names = "--instance-ids", arity = "1..*")
    List<String> instanceIds;

    @Option(names = "--filters", arity = "1..*", description = "Name=instance-state-name,Values=running")
    List<String> filters;

    @Option(names = "--max-results", description = "5-1000 instances per page; the answer carries NextToken when there is more")
    Integer maxResults;

    @Option(names = "--next-token")
    String nextToken;

    @Override
    String operation() {
        return "DescribeInstances";
    }

    @Override
    Record request() {
        return new InstanceRequests.DescribeInstances(instanceIds, Filters.parse(filters), maxResults, nextToken);
    }
}
