package io.labvisor.compute;

import io.labvisor.accel.Accelerator;
import io.labvisor.catalog.InstanceType;
import io.labvisor.config.LabvisorConfig;
import io.labvisor.domain.DomainXml;
import io.labvisor.ec2.ResourceId;
import io.labvisor.image.Image;
import io.labvisor.image.ImageService;
import io.labvisor.net.DefaultNetwork;
import io.labvisor.virt.LibvirtSession;
import io.labvisor.virtxml.DiskFormat;
import io.labvisor.virtxml.StorageVolumeSpec;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Brings one reserved instance up: its root volume (a qcow2 overlay on the AMI's root volume), its domain
 * (planned from type and AMI, written as XML, defined persistently), its instance store and the start. Every resource it creates
 * is recorded before the next step, so {@link InstanceTerminator#discard} can remove all of it on failure.
 */
public final class InstanceLauncher {
    private static final Logger log = LoggerFactory.getLogger(InstanceLauncher.class);

    private final LabvisorConfig config;
    private final LibvirtSession libvirt;
    private final ImageService images;
    private final VolumeRepository volumes;
    private final DomainPlanner planner;
    private final DefaultNetwork network;
    private final InstanceStore instanceStore;
    private final InstanceCards cards;

    public InstanceLauncher(LabvisorConfig config, LibvirtSession libvirt, ImageService images,
                            VolumeRepository volumes, DomainPlanner planner, DefaultNetwork network,
                            InstanceStore instanceStore, InstanceCards cards) {
        this.cards = cards;
        this.config = config;
        this.libvirt = libvirt;
        this.images = images;
        this.volumes = volumes;
        this.planner = planner;
        this.network = network;
        this.instanceStore = instanceStore;
    }

    public void launch(Instance instance, InstanceType type, Image image, Optional<Path> userDataFile) {
        String networkName = network.ensure();
        Volume root = createRootVolume(instance, image);
        Path consoleLog = Path.of(instance.consoleLog());
        try {
            Files.createDirectories(consoleLog.getParent());
            Files.deleteIfExists(consoleLog);
            Files.createDirectories(config.instanceDir(instance.instanceId()));
            if (userDataFile.isPresent()) {
                // A copy the instance owns (QEMU reads it at every start), readable by the QEMU user.
                Path copy = userData(instance);
                Files.copy(userDataFile.get(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        defineAndStart(instance, type, image, root, networkName, Optional.empty());
        log.info("launched {} ({} from {}, {} on {})", instance.instanceId(), type.name(), image.imageId(),
                instance.ioProfile().label(), instance.accel());
    }

    /**
     * Starts a stopped instance: its domain is planned again from the instance's (possibly modified) type, keeping
     * the domain's UUID and the root volume, with a new empty instance store.
     */
    public void restart(Instance instance, InstanceType type, Image image) {
        Volume root = volumes.attachedTo(instance.instanceId()).stream()
                .filter(v -> v.deviceName().equals(Optional.of(image.rootDeviceName())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(instance.instanceId() + " has no root volume"));
        defineAndStart(instance, type, image, root, network.ensure(),
                libvirt.domains().uuid(instance.instanceId()));
        log.info("started {} as {}", instance.instanceId(), type.name());
    }

    private void defineAndStart(Instance instance, InstanceType type, Image image, Volume root, String networkName,
                                Optional<String> uuid) {
        Optional<String> ephemeral = instanceStore.fresh(instance.instanceId(), type);
        boolean nitro = instance.ioProfile() == IoProfile.NITRO;
        // The cards listen before the domain starts: QEMU connects to their sockets at start. The network card
        // after the network: its tap joins the network's bridge.
        Optional<String> cardSocket = nitro
                ? Optional.of(cards.ensure(instance).volumes().stream()
                        .filter(v -> v.volumeId().equals(root.volumeId())).findFirst().orElseThrow()
                        .socket().toString())
                : Optional.empty();
        Optional<String> nicSocket = nitro
                ? Optional.of(cards.ensureNetwork(instance).socket().toString())
                : Optional.empty();
        Optional<String> userData = Optional.of(userData(instance)).filter(Files::exists).map(Path::toString);
        LaunchPlan plan = new LaunchPlan(instance, type, image, Accelerator.parse(instance.accel()),
                image.kernelVolume().map(images::volumePath), image.ramdiskVolume().map(images::volumePath),
                root.volumeId(), root.path(), ephemeral, networkName, instance.consoleLog(), cardSocket, nicSocket,
                userData);
        var spec = planner.plan(plan);
        String xml = DomainXml.write(uuid.isPresent() ? spec.toBuilder().uuid(uuid.get()).build() : spec);
        libvirt.domains().define(xml);
        libvirt.domains().start(instance.instanceId());
    }

    private Path userData(Instance instance) {
        return config.instanceDir(instance.instanceId()).resolve("user-data");
    }

    private Volume createRootVolume(Instance instance, Image image) {
        String volumeId = ResourceId.VOLUME.next();
        String poolVolume = volumeId + ".qcow2";
        String backing = images.volumePath(image.rootVolume());
        String xml = StorageVolumeSpec.overlay(poolVolume, (long) image.rootSizeGib() << 30, backing, DiskFormat.QCOW2)
                .toXml();
        boolean deleteOnTermination = image.blockDeviceMappings().stream()
                .filter(m -> m.deviceName().equals(image.rootDeviceName()))
                .findFirst().map(m -> m.ebs().deleteOnTermination()).orElse(true);
        Volume volume = new Volume(volumeId, image.rootSizeGib(), "gp3", poolVolume, "", "creating",
                Optional.of(image.imageId()), Optional.of(instance.instanceId()), Optional.of(image.rootDeviceName()),
                deleteOnTermination, Instant.now());
        volumes.insert(volume);
        String path = libvirt.pools().createVolume(config.poolName(), xml);
        return volumes.markCreated(volumeId, path, "in-use");
    }
}
