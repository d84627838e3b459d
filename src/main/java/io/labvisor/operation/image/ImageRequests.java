package io.labvisor.operation.image;

import io.labvisor.ec2.Filter;
import io.labvisor.operation.Param;

import java.util.List;

import static io.labvisor.operation.Lists.orEmpty;

/** The requests of the AMI operations. */
public final class ImageRequests {
    private ImageRequests() {
    }

    /**
     * From a labvisor image manifest on the host: labvisor's ManifestPath, or EC2's ImageLocation holding the same
     * (so {@code aws ec2 register-image --image-location} works). The path must be an absolute {@code .json} file:
     * API callers name files on the host, so nothing else is opened.
     */
    public record RegisterImage(String manifestPath, @Param(queryOnly = true) String imageLocation, String name,
                                String description) {
    }

    /** Every AMI belongs to the lab's one account; none is ever deprecated or disabled. */
    public record DescribeImages(@Param(query = "ImageId") List<String> imageIds,
                                 @Param(query = "Owner") List<String> owners,
                                 @Param(query = "Filter") List<Filter> filters,
                                 @Param(queryOnly = true) Boolean includeDeprecated,
                                 @Param(queryOnly = true) Boolean includeDisabled,
                                 Integer maxResults, String nextToken) {
        public DescribeImages {
            imageIds = orEmpty(imageIds);
            owners = orEmpty(owners);
            filters = orEmpty(filters);
        }
    }

    /** Instances launched from it keep running. */
    public record DeregisterImage(@Param(required = true) String imageId) {
    }

    /** From a stopped instance's root volume; NoReboot is accepted (the instance must be stopped anyway). */
    public record CreateImage(@Param(required = true) String instanceId, @Param(required = true) String name,
                              String description, @Param(queryOnly = true) Boolean noReboot) {
    }
}
