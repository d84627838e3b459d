package io.labvisor.compute;

import io.labvisor.accel.Accelerator;
import io.labvisor.catalog.InstanceType;
import io.labvisor.config.LabvisorConfig;
import io.labvisor.domain.DomainXml;
import io.labvisor.ec2.ResourceId;
import io.labvisor.image.Image;
import io.labvisor.image.ImageService;
import io.labvisor.imds.MetadataService;
import io.labvisor.net.DefaultNetwork;
import io.labvisor.net.InstanceAddresses;
import io.labvisor.net.sg.SecurityGroupFilters;
import io.labvisor.domain.FilterRef;
import io.labvisor.virt.LibvirtHost;
import io.labvisor.virtxml.DiskFormat;
import io.labvisor.virtxml.StorageVolumeSpec;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeRepository;
import io.labvisor.volume.VolumeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Brings one reserved instance up: its root volume (a qcow2 overlay on the AMI's root volume), its domain
 * (planned from type and AMI, written as XML, defined persistently), its instance store and the start. Every resource it creates
 * is recorded before the next step, so {@link InstanceTerminator#discard} can remove all of it on failure. Before each
 * step it renews the instance's {@link LaunchLease}: the reconciler never gives up a launch whose launcher lives, and a
 * launch whose instance was terminated meanwhile stops there, leaving what it made to the termination.
 */
public final class InstanceLauncher {
    private static final Logger log = LoggerFactory.getLogger(InstanceLauncher.class);

    private final LabvisorConfig config;
    private final LibvirtHost libvirt;
    private final ImageService images;
    private final VolumeRepository volumes;
    private final DomainPlanner planner;
    private final DefaultNetwork network;
    private final InstanceStore instanceStore;
    private final InstanceCards cards;
    private final UserDataStore userData;
    private final InstanceAddresses addresses;
    private final MetadataService metadata;
    private final VolumeService volumeService;

    public InstanceLauncher(LabvisorConfig config, LibvirtHost libvirt, ImageService images,
                            VolumeRepository volumes, VolumeService volumeService, DomainPlanner planner,
                            DefaultNetwork network, InstanceStore instanceStore, InstanceCards cards,
                            UserDataStore userData, InstanceAddresses addresses, MetadataService metadata) {
        this.volumeService = volumeService;
        this.addresses = addresses;
        this.metadata = metadata;
        this.cards = cards;
        this.userData = userData;
        this.config = config;
        this.libvirt = libvirt;
        this.images = images;
        this.volumes = volumes;
        this.planner = planner;
        this.network = network;
        this.instanceStore = instanceStore;
    }

    /** The volumes a launch gave the instance (root and mapped data volumes), for RunInstances' volume tags. */
    List<String> rootVolumeIds(String instanceId) {
        return volumes.attachedTo(instanceId).stream().map(Volume::volumeId).toList();
    }

    /** RunInstances' block device mappings against the AMI, checked before anything is created. */
    LaunchVolumes.Plan checkMappings(Image image, List<BlockDeviceMapping> mappings) {
        return LaunchVolumes.resolve(image, mappings, volumeService::check);
    }

    public void launch(Instance instance, InstanceType type, Image image, LaunchVolumes.Plan volumesPlan,
                       LaunchLease lease) {
        String networkName = networkOf(instance);
        lease.renew(instance.instanceId());
        Volume root = createRootVolume(instance, image, volumesPlan.root());
        lease.renew(instance.instanceId());
        createDataVolumes(instance, type, volumesPlan.data());
        Path consoleLog = Path.of(instance.consoleLog());
        try {
            Files.createDirectories(consoleLog.getParent());
            Files.deleteIfExists(consoleLog);
            Files.createDirectories(config.instanceDir(instance.instanceId()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        addresses.lease(networkName, instance.mac(), instance.privateIp());
        defineAndStart(instance, type, image, root, networkName, Optional.empty(), lease);
        log.info("launched {} ({} from {}, {} on {})", instance.instanceId(), type.name(), image.imageId(),
                instance.ioProfile().label(), instance.accel());
    }

    /**
     * Starts a stopped instance: its domain is planned again from the instance's (possibly modified) type, keeping
     * the domain's UUID and the root volume, with a new empty instance store.
     */
    public void restart(Instance instance, InstanceType type, Image image, LaunchLease lease) {
        Volume root = volumes.attachedTo(instance.instanceId()).stream()
                .filter(v -> v.deviceName().equals(Optional.of(image.rootDeviceName())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(instance.instanceId() + " has no root volume"));
        defineAndStart(instance, type, image, root, networkOf(instance),
                libvirt.domains().uuid(instance.instanceId()), lease);
        log.info("started {} as {}", instance.instanceId(), type.name());
    }

    /** The instance's subnet network; the default one is (re)created on demand, as before VPCs. */
    private String networkOf(Instance instance) {
        return instance.network().equals(DefaultNetwork.NAME) ? network.ensure() : instance.network();
    }

    /** Instances with a private address have security groups: their NIC carries their nwfilter. */
    private static Optional<FilterRef> nicFilter(Instance instance) {
        return instance.privateIp().map(ip -> FilterRef.of(SecurityGroupFilters.eniFilter(instance.instanceId()),
                java.util.Map.of("IP", ip)));
    }

    private void defineAndStart(Instance instance, InstanceType type, Image image, Volume root, String networkName,
                                Optional<String> uuid, LaunchLease lease) {
        lease.renew(instance.instanceId());
        Optional<String> ephemeral = instanceStore.fresh(instance.instanceId(), type);
        boolean nitro = instance.ioProfile() == IoProfile.NITRO;
        // The cards listen before the domain starts: QEMU connects to their sockets at start. The network card
        // after the network: its tap joins the network's bridge.
        lease.renew(instance.instanceId());
        Optional<io.labvisor.card.StorageCardSpec> card = nitro ? Optional.of(cards.ensure(instance))
                : Optional.empty();
        lease.renew(instance.instanceId());
        Optional<String> cardSocket = card.map(c -> c.volume(root.volumeId()).orElseThrow().socket().toString());
        // Empty on nitro too where the kernel's vhost-net is the network card (the host has /dev/vhost-net).
        Optional<String> nicSocket = nitro
                ? cards.ensureNetwork(instance).map(n -> n.socket().toString())
                : Optional.empty();
        LaunchPlan plan = new LaunchPlan(instance, type, image, Accelerator.parse(instance.accel()),
                image.kernelVolume().map(images::volumePath), image.ramdiskVolume().map(images::volumePath),
                root.volumeId(), root.path(), ephemeral, networkName, instance.consoleLog(), cardSocket, nicSocket,
                userData.file(instance.instanceId()), nicFilter(instance),
                volumes.attachedTo(instance.instanceId()).stream()
                        .filter(v -> !v.isRoot() && v.targetDev().isPresent())
                        .map(v -> card.isPresent()
                                ? DataDisks.cardDisk(v, card.get().volume(v.volumeId()).orElseThrow().socket()
                                        .toString())
                                : DataDisks.disk(v, instance.ioProfile(), type))
                        .toList());
        ensureMetadataService();
        var spec = planner.plan(plan);
        String xml = DomainXml.write(uuid.isPresent() ? spec.toBuilder().uuid(uuid.get()).build() : spec);
        lease.renew(instance.instanceId());
        libvirt.domains().define(xml);
        lease.renew(instance.instanceId());
        libvirt.domains().start(instance.instanceId());
    }

    /**
     * The guest asks 169.254.169.254 once it has booted; an instance boots without it when the server cannot
     * start (the reason is logged), as it would without a network.
     */
    private void ensureMetadataService() {
        try {
            metadata.ensure();
        } catch (RuntimeException e) {
            log.warn("instance metadata service unavailable: {}", e.getMessage());
        }
    }

    /**
     * The root volume: an overlay on the AMI's root image, as large as the plan says (a larger overlay gives the
     * guest a larger disk; the file system on it stays the AMI's size until the guest grows it).
     */
    private Volume createRootVolume(Instance instance, Image image, LaunchVolumes.Root r) {
        String volumeId = ResourceId.VOLUME.next();
        String poolVolume = volumeId + ".qcow2";
        String backing = images.volumePath(image.rootVolume());
        String xml = StorageVolumeSpec.overlay(poolVolume, (long) r.sizeGib() << 30, backing, DiskFormat.QCOW2)
                .toXml();
        Volume volume = Volume.root(volumeId, r.sizeGib(), r.type().label(), r.iops(), r.throughput(), poolVolume,
                image.imageId(), instance.instanceId(), image.rootDeviceName(), r.deleteOnTermination(),
                Instant.now());
        volumes.insert(volume);
        String path = libvirt.pools().createVolume(config.poolName(), xml);
        return volumes.markCreated(volumeId, path, "in-use");
    }

    /**
     * The data volumes of the block device mappings, each created attached (CreateVolume's code) at the next free
     * guest target, so the domain planned next has them: file disks, or on nitro the storage card's exports.
     */
    private void createDataVolumes(Instance instance, InstanceType type, List<LaunchVolumes.Data> data) {
        List<String> used = new java.util.ArrayList<>();
        for (LaunchVolumes.Data d : data) {
            String target = DataDisks.nextTarget(instance.ioProfile(), type.hasInstanceStore(), used);
            used.add(target);
            volumeService.createAttached(d.request(), new VolumeService.Attachment(instance.instanceId(),
                    d.deviceName(), target, d.deleteOnTermination()));
        }
    }
}
