package io.labvisor.cli;

import io.labvisor.operation.tag.TagRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** The tag verbs. */
final class TagCommands {
    private TagCommands() {
    }

    @Command(name = "create-tags", description = "Add or overwrite tags on resources (instances, volumes, snapshots, "
            + "images, VPCs, subnets, security groups).")
    static final class Create extends OperationCommand {
        @Option(names = "--resources", arity = "1..*", required = true)
        List<String> resources;

        @Option(names = "--tags", arity = "1..*", required = true, description = "Key=k,Value=v ...")
        List<String> tags;

        @Override
        String operation() {
            return "CreateTags";
        }

        @Override
        Record request() {
            return new TagRequests.CreateTags(resources, TagArguments.tags(tags));
        }
    }

    @Command(name = "delete-tags", description = "Delete tags: Key=k whatever its value, Key=k,Value=v only with that "
            + "value; without --tags every tag of the resources.")
    static final class Delete extends OperationCommand {
        @Option(names = "--resources", arity = "1..*", required = true)
        List<String> resources;

        @Option(names = "--tags", arity = "1..*")
        List<String> tags;

        @Override
        String operation() {
            return "DeleteTags";
        }

        @Override
        Record request() {
            return new TagRequests.DeleteTags(resources, TagArguments.keys(tags));
        }
    }

    @Command(name = "describe-tags", description = "List tags; filters resource-id, resource-type, key, value.")
    static final class Describe extends OperationCommand {
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
        Record request() {
            return new TagRequests.DescribeTags(Filters.parse(filters), maxResults, nextToken);
        }
    }
}
