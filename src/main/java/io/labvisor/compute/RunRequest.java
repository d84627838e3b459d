package io.labvisor.compute;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The parameters of RunInstances that labvisor supports. {@code userDataFile} is internal and used only by tests
 * so far: a host file every launched instance gets as user data (fw_cfg, docs/CONTRACTS.md).
 */
public record RunRequest(String imageId, String instanceType, int minCount, int maxCount,
                         Optional<IoProfile> ioProfile, Optional<Path> userDataFile) {

    public RunRequest(String imageId, String instanceType, int minCount, int maxCount,
                      Optional<IoProfile> ioProfile) {
        this(imageId, instanceType, minCount, maxCount, ioProfile, Optional.empty());
    }

    public static RunRequest of(String imageId, String instanceType, int count) {
        return new RunRequest(imageId, instanceType, count, count, Optional.empty());
    }
}
