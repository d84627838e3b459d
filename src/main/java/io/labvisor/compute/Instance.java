package io.labvisor.compute;

import java.time.Instant;
import java.util.Optional;

/**
 * An instance as labvisor records it. The libvirt domain carrying it is named by {@code instanceId}.
 *
 * @param stateReason    why it is in this state, EC2 style (e.g. "Client.UserInitiatedShutdown"), may be null
 * @param stateChangedAt when the state last changed (terminated instances are hidden an hour after)
 * @param accel          "kvm" or "tcg": how its vCPUs run
 * @param consoleLog     file the serial console is logged to
 */
public record Instance(String instanceId, String reservationId, String imageId, String instanceType,
                       int launchIndex, InstanceState state, String stateReason, Instant stateChangedAt,
                       Instant launchTime, int memoryMiB, int vcpus, String accel, IoProfile ioProfile,
                       String mac, Optional<String> privateIp, String network, String consoleLog) {

    public Instance withState(InstanceState next, String reason, Instant at) {
        return new Instance(instanceId, reservationId, imageId, instanceType, launchIndex, next, reason, at,
                launchTime, memoryMiB, vcpus, accel, ioProfile, mac, privateIp, network, consoleLog);
    }
}
