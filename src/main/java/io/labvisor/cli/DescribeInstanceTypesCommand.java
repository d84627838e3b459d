package io.labvisor.cli;

import io.labvisor.operation.instance.InstanceRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "describe-instance-types", description = "List instance types from the catalog, with filters.")
final class DescribeInstanceTypesCommand extends OperationCommand {
    @Option(names = "--instance-types", arity = "1..*")
    List<String> instanceTypes;

    @Option(names = "--filters", arity = "1..*", description = "Name=instance-type,Values=t3.*")
    List<String> filters;

    @Option(names = "--max-results", description = "5-100 per page")
    Integer maxResults;

    @Option(names = "--next-token")
    String nextToken;

    @Override
    String operation() {
        return "DescribeInstanceTypes";
    }

    @Override
    Record request() {
        return new InstanceRequests.DescribeInstanceTypes(instanceTypes, Filters.parse(filters), maxResults, nextToken);
    }
}
