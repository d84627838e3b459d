package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.catalog.InstanceType;
import io.labvisor.cli.output.Shapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "describe-instance-types", description = "List instance types from the catalog, with filters.")
final class DescribeInstanceTypesCommand extends Ec2Command {
    @Option(names = "--instance-types", arity = "1..*")
    List<String> instanceTypes;

    @Option(names = "--filters", arity = "1..*", description = "Name=instance-type,Values=t3.*")
    List<String> filters;

    @Override
    String operation() {
        return "DescribeInstanceTypes";
    }

    @Override
    JsonNode execute(Labvisor labvisor) {
        List<InstanceType> types = labvisor.catalog().describe(
                instanceTypes == null ? List.of() : instanceTypes, Filters.parse(filters));
        ObjectNode root = Shapes.object();
        ArrayNode list = root.putArray("InstanceTypes");
        types.forEach(t -> list.add(t.raw()));
        return root;
    }
}
