package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "describe-instance-status",
        description = "Status checks of running instances (all instances with --include-all-instances).")
final class DescribeInstanceStatusCommand extends Ec2Command {
    @Option(names = "--instance-ids", arity = "1..*")
    List<String> instanceIds;

    @Option(names = "--include-all-instances")
    boolean includeAll;

    @Option(names = "--filters", arity = "1..*", description = "Name=instance-state-name,Values=running")
    List<String> filters;

    @Override
    String operation() {
        return "DescribeInstanceStatus";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        return Shapes.instanceStatuses(labvisor.instances().statuses(instanceIds == null ? List.of() : instanceIds,
                includeAll, Filters.parse(filters)));
    }
}
