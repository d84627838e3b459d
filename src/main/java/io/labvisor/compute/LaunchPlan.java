package io.labvisor.compute;

import io.labvisor.accel.Accelerator;
import io.labvisor.catalog.InstanceType;
import io.labvisor.domain.FilterRef;
import io.labvisor.image.Image;

import io.labvisor.domain.Disk;

import java.util.List;
import java.util.Optional;

/**
 * Everything the domain planner needs for one instance, already resolved to host paths: the pure input of
 * {@link DomainPlanner}. {@code instanceStorePath} is the raw instance-store volume of types that have one;
 * {@code rootCardSocket} is the storage card's vhost-user socket for the root volume and {@code nicCardSocket} the
 * network card's for the NIC (nitro profile only); {@code dataDisks} are the attached data volumes' disks, planned
 * after the root disk and the instance store; {@code userDataFile} is the host file given to the guest as fw_cfg
 * user data; {@code nicFilter} the nwfilter of the NIC (security groups; not on nitro NICs, see DomainPlanner).
 */
public record LaunchPlan(Instance instance, InstanceType type, Image image, Accelerator accel,
                         Optional<String> kernelPath, Optional<String> ramdiskPath, String rootVolumeId,
                         String rootVolumePath, Optional<String> instanceStorePath, String networkName,
                         String consoleLogPath, Optional<String> rootCardSocket, Optional<String> nicCardSocket,
                         Optional<String> userDataFile, Optional<FilterRef> nicFilter, List<Disk> dataDisks) {
    public LaunchPlan {
        dataDisks = List.copyOf(dataDisks);
    }

    /** A plan without cards' NIC socket, user data, security groups or data volumes. */
    public LaunchPlan(Instance instance, InstanceType type, Image image, Accelerator accel,
                      Optional<String> kernelPath, Optional<String> ramdiskPath, String rootVolumeId,
                      String rootVolumePath, Optional<String> instanceStorePath, String networkName,
                      String consoleLogPath, Optional<String> rootCardSocket) {
        this(instance, type, image, accel, kernelPath, ramdiskPath, rootVolumeId, rootVolumePath, instanceStorePath,
                networkName, consoleLogPath, rootCardSocket, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of());
    }
}
