package io.labvisor.compute;

import java.util.Optional;

/** The parameters of RunInstances that labvisor supports. */
public record RunRequest(String imageId, String instanceType, int minCount, int maxCount,
                         Optional<IoProfile> ioProfile) {

    public static RunRequest of(String imageId, String instanceType, int count) {
        return new RunRequest(imageId, instanceType, count, count, Optional.empty());
    }
}
