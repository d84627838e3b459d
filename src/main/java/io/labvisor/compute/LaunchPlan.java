package io.labvisor.compute;

import io.labvisor.accel.Accelerator;
import io.labvisor.catalog.InstanceType;
import io.labvisor.image.Image;

import java.util.Optional;

/**
 * Everything the domain planner needs for one instance, already resolved to host paths: the pure input of
 * {@link DomainPlanner}. {@code instanceStorePath} is the raw instance-store volume of types that have one;
 * {@code rootCardSocket} is the storage card's vhost-user socket for the root volume and {@code nicCardSocket} the
 * network card's for the NIC (nitro profile only). {@code userDataFile}: a file handed to the guest as user data
 * over fw_cfg; internal, set only by tests so far (RunInstances' UserData is not wired to it yet).
 */
public record LaunchPlan(Instance instance, InstanceType type, Image image, Accelerator accel,
                         Optional<String> kernelPath, Optional<String> ramdiskPath, String rootVolumeId,
                         String rootVolumePath, Optional<String> instanceStorePath, String networkName,
                         String consoleLogPath, Optional<String> rootCardSocket, Optional<String> nicCardSocket,
                         Optional<String> userDataFile) {

    /** Without a network card socket or user data (every profile but nitro, and tests that need neither). */
    public LaunchPlan(Instance instance, InstanceType type, Image image, Accelerator accel,
                      Optional<String> kernelPath, Optional<String> ramdiskPath, String rootVolumeId,
                      String rootVolumePath, Optional<String> instanceStorePath, String networkName,
                      String consoleLogPath, Optional<String> rootCardSocket) {
        this(instance, type, image, accel, kernelPath, ramdiskPath, rootVolumeId, rootVolumePath, instanceStorePath,
                networkName, consoleLogPath, rootCardSocket, Optional.empty(), Optional.empty());
    }
}
