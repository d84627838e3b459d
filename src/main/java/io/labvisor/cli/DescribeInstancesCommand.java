package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "describe-instances", description = "Show instances, grouped by reservation.")
final class DescribeInstancesCommand extends Ec2Command {
    @Option(names = "--instance-ids", arity = "1..*")
    List<String> instanceIds;

    @Option(names = "--filters", arity = "1..*", description = "Name=instance-state-name,Values=running")
    List<String> filters;

    @Override
    String operation() {
        return "DescribeInstances";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        return Shapes.reservations(labvisor.instances().describe(instanceIds == null ? List.of() : instanceIds,
                Filters.parse(filters)), i -> InstanceShape.of(labvisor, i));
    }
}
