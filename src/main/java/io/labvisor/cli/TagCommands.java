package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.api.query.Page;
import io.labvisor.api.query.Pager;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.cli.output.Shapes;
import io.labvisor.cli.output.TagShapes;
import io.labvisor.tag.TagDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tag verbs: thin wrappers over {@link io.labvisor.tag.TagService}. */
final class TagCommands {
    /** DescribeTags pages as EC2 does: MaxResults 5-1000; the token is the API's. */
    static final Pager DESCRIBE_PAGER = new Pager("DescribeTags", 5, 1000);

    private TagCommands() {
    }

    @Command(name = "create-tags", description = "Add or overwrite tags on resources (instances, volumes, snapshots, "
            + "images, VPCs, subnets, security groups).")
    static final class Create extends Ec2Command {
        @Option(names = "--resources", arity = "1..*", required = true)
        List<String> resources;

        @Option(names = "--tags", arity = "1..*", required = true, description = "Key=k,Value=v ...")
        List<String> tags;

        @Override
        String operation() {
            return "CreateTags";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            labvisor.tags().create(resources, TagArguments.tags(tags));
            return null; // the AWS CLI prints nothing for CreateTags
        }
    }

    @Command(name = "delete-tags", description = "Delete tags: Key=k whatever its value, Key=k,Value=v only with that "
            + "value; without --tags every tag of the resources.")
    static final class Delete extends Ec2Command {
        @Option(names = "--resources", arity = "1..*", required = true)
        List<String> resources;

        @Option(names = "--tags", arity = "1..*")
        List<String> tags;

        @Override
        String operation() {
            return "DeleteTags";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            labvisor.tags().delete(resources, TagArguments.keys(tags));
            return null;
        }
    }

    @Command(name = "describe-tags", description = "List tags; filters resource-id, resource-type, key, value.")
    static final class Describe extends Ec2Command {
        @Option(names = "--filters", arity = "1..*")
        List<String> filters;

        @Option(names = "--max-results", description = "5-1000 per page; the answer carries NextToken when there is more")
        Integer maxResults;

        @Option(names = "--next-token")
        String nextToken;

        @Override
        String operation() {
            return "DescribeTags";
        }

        @Override
        JsonNode execute(Labvisor labvisor) {
            Map<String, String> paging = new LinkedHashMap<>();
            if (maxResults != null) {
                paging.put("MaxResults", maxResults.toString());
            }
            if (nextToken != null) {
                paging.put("NextToken", nextToken);
            }
            Pager.Request request = DESCRIBE_PAGER.read(QueryRequest.of(paging));
            Page<TagDescription> page = request.page(labvisor.tags().describe(Filters.parse(filters)));
            ObjectNode root = Shapes.object();
            ArrayNode list = root.putArray("Tags");
            page.items().forEach(t -> list.add(TagShapes.description(t)));
            page.nextToken().ifPresent(t -> root.put("NextToken", t));
            return root;
        }
    }
}
