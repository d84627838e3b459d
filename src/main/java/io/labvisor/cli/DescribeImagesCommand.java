package io.labvisor.cli;

import io.labvisor.operation.image.ImageRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "describe-images", description = "List registered AMIs.")
final class DescribeImagesCommand extends OperationCommand {
    @Option(names = "--image-ids", arity = "1..*")
    List<String> imageIds;

    @Option(names = "--owners", arity = "1..*", description = "self or the lab's account: every AMI is yours")
    List<String> owners;

    @Option(names = "--filters", arity = "1..*")
    List<String> filters;

    @Option(names = "--max-results", description = "1-1000 per page")
    Integer maxResults;

    @Option(names = "--next-token")
    String nextToken;

    @Override
    String operation() {
        return "DescribeImages";
    }

    @Override
    Record request() {
        return new ImageRequests.DescribeImages(imageIds, owners, Filters.parse(filters), null, null, maxResults,
                nextToken);
    }
}
