package io.labvisor.compute;

import io.labvisor.card.CardLayout;
import io.labvisor.card.CardSupervisor;
import io.labvisor.card.NetworkCardKind;
import io.labvisor.card.CardThrottle;
import io.labvisor.card.StorageCardExports;
import io.labvisor.catalog.InstanceType;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.domain.IoTune;
import io.labvisor.host.HostPartition;
import io.labvisor.volume.VolumeIoTune;
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
 * The cards of nitro instances: the storage card (which volumes it exports: the root volume and every attached data
 * volume, throttled to its EBS limits) and the network card (which tap, bridge and security-group filter), both on
 * the card CPUs, and their start and stop. The volume rows are the truth about what a storage card exports: every
 * {@link #ensure} brings a running card's exports in line with them over QMP, and a card started again starts with
 * all of them.
 */
public final class InstanceCards {
    private final CardSupervisor<StorageCardSpec> supervisor;
    private final CardSupervisor<NetworkCardSpec> network;
    private final StorageCardExports exports;
    private final InstanceTypeCatalog catalog;
    private final VolumeRepository volumes;
    private final HostPartition partition;
    private final String netns;
    private final Function<String, String> bridgeOfNetwork;
    private final NetworkCardKind.Choice networkCard;

    /** @param bridgeOfNetwork the bridge of a libvirt network (the subnet's), where a network card's tap joins */
    public InstanceCards(CardSupervisor<StorageCardSpec> supervisor, CardSupervisor<NetworkCardSpec> network,
                         StorageCardExports exports, InstanceTypeCatalog catalog,
                         VolumeRepository volumes, HostPartition partition, String netns,
                         Function<String, String> bridgeOfNetwork, NetworkCardKind.Choice networkCard) {
        this.networkCard = networkCard;
        this.exports = exports;
        this.catalog = catalog;
        this.bridgeOfNetwork = bridgeOfNetwork;
        this.supervisor = supervisor;
        this.network = network;
        this.volumes = volumes;
        this.partition = partition;
        this.netns = netns;
    }

    /** @param tapFilters binds the instances' security-group filters to their cards' taps */
    public static InstanceCards of(LabvisorConfig config, String qemuUser, InstanceTypeCatalog catalog,
                                   VolumeRepository volumes, HostPartition partition,
                                   Function<String, String> bridgeOfNetwork, TapFilters tapFilters) {
        CardLayout layout = CardLayout.of(config);
        return new InstanceCards(new CardSupervisor<>("storage card", new StorageCardProcesses(qemuUser), layout),
                new CardSupervisor<>("network card", new NetworkCardProcesses(qemuUser, tapFilters),
                        layout.network()),
                new StorageCardExports(qemuUser), catalog, volumes, partition, config.netns(), bridgeOfNetwork,
                NetworkCardKind.forHost(config.networkCardOverride()));
    }

    /**
     * The card of the instance, exporting every volume attached to it (root first, data volumes throttled as
     * {@link VolumeIoTune} computes for virtio disks), one queue per vCPU, on the card CPUs.
     */
    public StorageCardSpec spec(Instance instance) {
        String instanceId = instance.instanceId();
        InstanceType type = catalog.require(instance.instanceType());
        List<CardLayout.VolumeImage> images = volumes.attachedTo(instanceId).stream()
                .filter(v -> v.path() != null && !v.path().isBlank())
                .sorted(java.util.Comparator.comparing((Volume v) -> !v.isRoot()))
                .map((Volume v) -> new CardLayout.VolumeImage(v.volumeId(), Path.of(v.path()),
                        v.isRoot() ? java.util.Optional.empty()
                                : java.util.Optional.of(throttle(VolumeIoTune.of(v.performance(), type)))))
                .toList();
        return supervisor.layout().spec(instanceId, images, instance.vcpus(), partition.cardCpus());
    }

    /** libvirt's total limits of a volume, as the card's throttle group takes them. */
    static CardThrottle throttle(IoTune t) {
        return new CardThrottle(orZero(t.totalIopsSec()), orZero(t.totalBytesSec()), orZero(t.totalIopsSecMax()),
                orZero(t.totalBytesSecMax()));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
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

    /**
     * Starts (or adopts) the instance's storage card and makes it export exactly the instance's attached volumes
     * (an adopted card may predate an attach or detach); returns its spec, sockets included.
     */
    public StorageCardSpec ensure(Instance instance) {
        StorageCardSpec spec = spec(instance);
        supervisor.ensure(spec);
        exports.sync(spec);
        return spec;
    }

    /** Where the storage card of {@code instanceId} exports {@code volumeId}. */
    public Path socket(String instanceId, String volumeId) {
        return supervisor.layout().socket(instanceId, volumeId);
    }

    /** Runtime exports of running storage cards, over QMP. */
    public StorageCardExports exports() {
        return exports;
    }

    /** What serves nitro NICs on this host, and why. */
    public NetworkCardKind.Choice networkCard() {
        return networkCard;
    }

    /** Whether nitro NICs here are served by a card process of ours (vhost-user), not by the kernel (vhost-net). */
    public boolean networkCardProcesses() {
        return networkCard.kind() == NetworkCardKind.VHOST_USER;
    }

    /**
     * Starts (or adopts) the instance's network card process; its bridge must exist (the network is started).
     * Empty where the kernel's vhost-net is the card: QEMU opens it itself when libvirt starts the domain.
     */
    public Optional<NetworkCardSpec> ensureNetwork(Instance instance) {
        if (!networkCardProcesses()) {
            return Optional.empty();
        }
        NetworkCardSpec spec = networkSpec(instance);
        network.ensure(spec);
        return Optional.of(spec);
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
