package io.labvisor.compute;

import io.labvisor.card.CardLayout;
import io.labvisor.card.CardSupervisor;
import io.labvisor.card.NetworkCardProcesses;
import io.labvisor.card.NetworkCardSpec;
import io.labvisor.card.StorageCardProcesses;
import io.labvisor.card.StorageCardSpec;
import io.labvisor.card.TapFilters;
import io.labvisor.net.sg.SecurityGroupFilters;
import io.labvisor.virtxml.NwFilterSpec;
import io.labvisor.config.LabvisorConfig;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeRepository;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cards of nitro instances: the storage card (which volumes it exports) and the network card (which tap,
 * bridge and security-group filter), both on the card CPUs, and their start and stop.
 */
public final class InstanceCards {
    private final CardSupervisor<StorageCardSpec> supervisor;
    private final CardSupervisor<NetworkCardSpec> network;
    private final VolumeRepository volumes;
    private final HostPartition partition;
    private final String netns;
    private final Function<String, String> bridgeOfNetwork;

    /** @param bridgeOfNetwork the bridge of a libvirt network (the subnet's), where a network card's tap joins */
    public InstanceCards(CardSupervisor<StorageCardSpec> supervisor, CardSupervisor<NetworkCardSpec> network,
                         VolumeRepository volumes, HostPartition partition, String netns,
                         Function<String, String> bridgeOfNetwork) {
        this.bridgeOfNetwork = bridgeOfNetwork;
        this.supervisor = supervisor;
        this.network = network;
        this.volumes = volumes;
        this.partition = partition;
        this.netns = netns;
    }

    /** @param tapFilters binds the instances' security-group filters to their cards' taps */
    public static InstanceCards of(LabvisorConfig config, String qemuUser, VolumeRepository volumes,
                                   HostPartition partition, Function<String, String> bridgeOfNetwork,
                                   TapFilters tapFilters) {
        CardLayout layout = CardLayout.of(config);
        return new InstanceCards(new CardSupervisor<>("storage card", new StorageCardProcesses(qemuUser), layout),
                new CardSupervisor<>("network card", new NetworkCardProcesses(qemuUser, tapFilters),
                        layout.network()),
                volumes, partition, config.netns(), bridgeOfNetwork);
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

    /**
     * The instance's network card: its tap joins the bridge of the instance's subnet, guarded by the instance's
     * security-group filter, the same one a virtio or emulated NIC carries (instances with a private address).
     */
    public NetworkCardSpec networkSpec(Instance instance) {
        Optional<NetworkCardSpec.TapFilter> filter = instance.privateIp().map(ip -> new NetworkCardSpec.TapFilter(
                instance.mac(), new NwFilterSpec.Ref(SecurityGroupFilters.eniFilter(instance.instanceId()),
                        Map.of("IP", ip))));
        return network.layout().networkSpec(instance.instanceId(), netns, bridgeOfNetwork.apply(instance.network()),
                partition.cardCpus(), filter);
    }

    /** Starts (or adopts) the instance's storage card; returns its spec, sockets included. */
    public StorageCardSpec ensure(Instance instance) {
        StorageCardSpec spec = spec(instance);
        supervisor.ensure(spec);
        return spec;
    }

    /** Starts (or adopts) the instance's network card; its bridge must exist (the network is started). */
    public NetworkCardSpec ensureNetwork(Instance instance) {
        NetworkCardSpec spec = networkSpec(instance);
        network.ensure(spec);
        return spec;
    }

    /** Stops both cards for good. */
    public void stop(String instanceId) {
        network.stop(instanceId);
        supervisor.stop(instanceId);
    }

    public CardSupervisor<StorageCardSpec> supervisor() {
        return supervisor;
    }

    public CardSupervisor<NetworkCardSpec> networkSupervisor() {
        return network;
    }

    /** Stops watching both kinds; the cards keep running (see {@link CardSupervisor#release()}). */
    public void release() {
        supervisor.release();
        network.release();
    }
}
