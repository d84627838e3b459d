package io.labvisor.card;

import io.labvisor.config.LabvisorConfig;
import io.labvisor.host.CpuSet;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a card's files live: sockets under the run directory (tmpfs, shared by every labvisor on the host, so
 * named by globally unique instance and volume ids), pidfile and log under this labvisor's state directory
 * (so each labvisor adopts and cleans up only its own cards). Pure.
 */
public record CardLayout(Path runDir, Path stateDir) {

    public static CardLayout of(LabvisorConfig config) {
        return new CardLayout(config.cardRunDir(), config.cardStateDir());
    }

    public Path socketDir(String instanceId) {
        return runDir.resolve(instanceId);
    }

    public Path socket(String instanceId, String volumeId) {
        return socketDir(instanceId).resolve(volumeId + ".sock");
    }

    public Path pidFile(String instanceId) {
        return stateDir.resolve(instanceId + ".pid");
    }

    /**
     * Present while the card is wanted: created before it starts, deleted first when it is stopped. A watcher
     * (in this or another labvisor process) restarts a dead card only while this file exists, so a card stopped
     * by one process is never brought back by another.
     */
    public Path wantedFile(String instanceId) {
        return stateDir.resolve(instanceId + ".wanted");
    }

    /** Serialises find-or-start of one card across labvisor processes. */
    public Path lockFile(String instanceId) {
        return stateDir.resolve(instanceId + ".lock");
    }

    public Path logFile(String instanceId) {
        return stateDir.resolve(instanceId + ".log");
    }

    /** The network card's stdin FIFO. */
    public Path stdinFifo(String instanceId) {
        return stateDir.resolve(instanceId + ".stdin");
    }

    /**
     * The network cards' layout: same socket directory per instance (the guest's vhost-user sockets side by side),
     * their own state directory, so pidfiles and wanted markers of the two card kinds never mix.
     */
    public CardLayout network() {
        return new CardLayout(runDir, stateDir.resolve("network"));
    }

    /**
     * The network card of {@code instanceId}: its tap in {@code netns}, joined to {@code bridge} and guarded by
     * {@code filter}, on {@code cpus}.
     */
    public NetworkCardSpec networkSpec(String instanceId, String netns, String bridge, CpuSet cpus,
                                       java.util.Optional<NetworkCardSpec.TapFilter> filter) {
        return new NetworkCardSpec(instanceId, socketDir(instanceId).resolve(NetworkCardSpec.SOCKET_NAME),
                NetworkCardSpec.tapName(instanceId), netns, bridge, cpus, pidFile(instanceId), stdinFifo(instanceId),
                logFile(instanceId), filter);
    }

    /** The storage card's QMP monitor socket, beside the instance's vhost-user sockets. */
    public Path qmpSocket(String instanceId) {
        return socketDir(instanceId).resolve(StorageCardSpec.QMP_SOCKET_NAME);
    }

    /** The card of {@code instanceId} exporting {@code volumes} with {@code queues} each, on {@code cpus}. */
    public StorageCardSpec spec(String instanceId, List<VolumeImage> volumes, int queues, CpuSet cpus) {
        return new StorageCardSpec(instanceId,
                volumes.stream().map(v -> new CardVolume(v.volumeId(), v.image(), socket(instanceId, v.volumeId()),
                                v.throttle()))
                        .toList(),
                queues, cpus, pidFile(instanceId), logFile(instanceId), qmpSocket(instanceId));
    }

    /** A volume, its image file and its limits (data volumes), before a socket is chosen. */
    public record VolumeImage(String volumeId, Path image, Optional<CardThrottle> throttle) {
        public VolumeImage(String volumeId, Path image) {
            this(volumeId, image, Optional.empty());
        }
    }
}
