package io.labvisor.compute;

import io.labvisor.card.CardLayout;
import io.labvisor.card.CardSupervisor;
import io.labvisor.card.StorageCardSpec;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeRepository;

import java.nio.file.Path;
import java.util.List;

/** The storage cards of nitro instances: which volumes a card exports, on which CPUs, and its start and stop. */
public final class InstanceCards {
    private final CardSupervisor supervisor;
    private final VolumeRepository volumes;
    private final HostPartition partition;

    public InstanceCards(CardSupervisor supervisor, VolumeRepository volumes, HostPartition partition) {
        this.supervisor = supervisor;
        this.volumes = volumes;
        this.partition = partition;
    }

    /** The card of the instance, exporting every volume attached to it, one queue per vCPU, on the card CPUs. */
    public StorageCardSpec spec(Instance instance) {
        String instanceId = instance.instanceId();
        List<CardLayout.VolumeImage> images = volumes.attachedTo(instanceId).stream()
                .filter(v -> v.path() != null && !v.path().isBlank())
                .map((Volume v) -> new CardLayout.VolumeImage(v.volumeId(), Path.of(v.path())))
                .toList();
        return supervisor.layout().spec(instanceId, images, instance.vcpus(), partition.cardCpus());
    }

    /** Starts (or adopts) the instance's card; returns its spec, sockets included. */
    public StorageCardSpec ensure(Instance instance) {
        StorageCardSpec spec = spec(instance);
        supervisor.ensure(spec);
        return spec;
    }

    public void stop(String instanceId) {
        supervisor.stop(instanceId);
    }

    public CardSupervisor supervisor() {
        return supervisor;
    }
}
