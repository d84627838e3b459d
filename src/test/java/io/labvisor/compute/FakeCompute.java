package io.labvisor.compute;

import io.labvisor.accel.Accelerator;
import io.labvisor.card.CardLayout;
import io.labvisor.card.CardSupervisor;
import io.labvisor.card.NetworkCardKind;
import io.labvisor.card.NetworkCardSpec;
import io.labvisor.card.StorageCardExports;
import io.labvisor.card.StorageCardSpec;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.config.LabvisorConfig;
import io.labvisor.ec2.ResourceId;
import io.labvisor.host.HostPartition;
import io.labvisor.image.AmiManifest;
import io.labvisor.image.BootMode;
import io.labvisor.image.Image;
import io.labvisor.image.ImageRepository;
import io.labvisor.image.ImageService;
import io.labvisor.imds.MetadataService;
import io.labvisor.net.DefaultNetwork;
import io.labvisor.net.InstanceAddresses;
import io.labvisor.net.VpcRepository;
import io.labvisor.net.VpcService;
import io.labvisor.net.sg.SecurityGroupService;
import io.labvisor.store.Database;
import io.labvisor.store.IntentJournal;
import io.labvisor.tag.TagService;
import io.labvisor.virt.fake.FakeLibvirtHost;
import io.labvisor.virtxml.DiskFormat;
import io.labvisor.virtxml.StorageVolumeSpec;
import io.labvisor.volume.SnapshotRepository;
import io.labvisor.volume.VolumeRepository;
import io.labvisor.volume.VolumeService;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compute services wired as {@link io.labvisor.Labvisor} wires them, over a {@link FakeLibvirtHost}, a SQLite
 * state in {@code dir} and card processes that never run ({@link NoCardProcesses}); the lifecycle listeners are
 * subscribed as the controller subscribes them. The metadata service's folder is a file, so a launch's attempt to
 * start the server fails before it runs anything (and the launch goes on without it, as on a host without one).
 */
final class FakeCompute implements AutoCloseable {
    static final String POOL = "labvisor-unit";

    final Path dir;
    final LabvisorConfig config;
    final Database db;
    final FakeLibvirtHost host = new FakeLibvirtHost();
    final InstanceTypeCatalog catalog = InstanceTypeCatalog.builtIn();
    final ImageService images;
    final InstanceRepository rows;
    final VolumeRepository volumes;
    final VolumeService volumeService;
    final HostCapacity capacity;
    final InstanceCards cards;
    final NoCardProcesses<StorageCardSpec> storageCards = new NoCardProcesses<>();
    final NoCardProcesses<NetworkCardSpec> networkCards = new NoCardProcesses<>();
    final InstancesInFlight inFlight = new InstancesInFlight();
    final InstanceTerminator terminator;
    final InstanceService instances;
    final Reconciler reconciler;
    final VolumeAttachments attachments;

    FakeCompute(Path dir) {
        this.dir = dir;
        this.config = new LabvisorConfig(dir, host.uri(), POOL, dir.resolve("pool"), "labvisor-unit-test-no-such-netns",
                Optional.of("tcg"), dir.resolve("run/cards"), Map.of(), Optional.of("vhost-net"));
        this.db = Database.open(config.databaseFile());
        IntentJournal intents = new IntentJournal(db);
        TagService tags = new TagService(db, (type, id) -> true);
        this.images = new ImageService(config, host, new ImageRepository(db), tags, intents);
        images.ensurePool();
        this.rows = new InstanceRepository(db);
        this.volumes = new VolumeRepository(db);
        HostPartition partition = HostPartition.forHost(host.host().cpus(), host.host().memoryMiB(), Map.of());
        this.capacity = HostCapacity.of(partition, host.host().memoryMiB());
        DomainPlanner planner = new DomainPlanner(partition, false);
        CardLayout layout = CardLayout.of(config);
        this.cards = new InstanceCards(new CardSupervisor<>("storage card", storageCards, layout),
                new CardSupervisor<>("network card", networkCards, layout.network()),
                new StorageCardExports("nobody"), catalog, volumes, partition, config.netns(),
                host.networks()::bridgeOf, NetworkCardKind.choose(Optional.of("vhost-net"), true));
        DefaultNetwork network = new DefaultNetwork(host);
        VpcRepository vpcRows = new VpcRepository(db);
        VpcService vpcs = new VpcService(vpcRows, host, network, tags);
        InstanceAddresses addresses = new InstanceAddresses(host, vpcRows);
        SecurityGroupService groups = new SecurityGroupService(db, host, vpcs, tags);
        InstanceStore instanceStore = new InstanceStore(config, host);
        this.terminator = new InstanceTerminator(config, host, rows, volumes, images, instanceStore, cards, addresses,
                vpcs, groups, tags);
        UserDataStore userData = new UserDataStore(config);
        MetadataService metadata = new MetadataService(notAFolder(dir.resolve("imds")), config.netns(), dir);
        this.volumeService = new VolumeService(config, host, images, volumes, new SnapshotRepository(db), tags,
                intents);
        InstanceLauncher launcher = new InstanceLauncher(config, host, images, volumes, volumeService, planner,
                network, instanceStore, cards, userData, addresses, metadata);
        this.instances = new InstanceService(config, host, catalog, images, rows, launcher, terminator,
                new InstanceStopper(host, instanceStore, cards), userData, vpcs, groups, capacity,
                () -> Accelerator.TCG, tags, inFlight, intents);
        this.attachments = new VolumeAttachments(host, instances, catalog, volumeService, volumes, cards, intents);
        this.reconciler = new Reconciler(host, rows, terminator, cards, inFlight);
        host.events().subscribe(new InstanceLifecycle(rows)::onEvent);
        host.events().subscribe(new GuestPowerOff(rows, host, instanceStore, cards)::onEvent);
    }

    private static Path notAFolder(Path file) {
        try {
            return java.nio.file.Files.writeString(file, "not a folder");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A direct-kernel AMI: kernel, initrd and a 1 GiB root image as volumes of the pool, as register-image leaves. */
    Image ami() {
        String imageId = ResourceId.IMAGE.next();
        String root = imageId + "-root.raw";
        host.pools().createVolume(POOL, StorageVolumeSpec.of(root, 1L << 30, DiskFormat.RAW).toXml());
        host.pools().createVolume(POOL, StorageVolumeSpec.of(imageId + "-kernel", 1 << 20, DiskFormat.RAW).toXml());
        host.pools().createVolume(POOL, StorageVolumeSpec.of(imageId + "-initrd", 1 << 20, DiskFormat.RAW).toXml());
        Image image = new Image(imageId, "tiny-" + imageId, "", "x86_64", BootMode.DIRECT_KERNEL, "console=ttyS0",
                "/dev/xvda", Optional.of(imageId + "-kernel"), Optional.of(imageId + "-initrd"), root, 1,
                List.of(new AmiManifest.BlockDeviceMapping("/dev/xvda", new AmiManifest.Ebs(1, "gp2", true))),
                "0", Image.ImageState.AVAILABLE, Instant.now());
        if (!new ImageRepository(db).insertIfNameFree(image)) {
            throw new IllegalStateException("AMI name taken");
        }
        return image;
    }

    /** One virtio instance of {@code type} from {@code ami}, as RunInstances launches it; running once it started. */
    Instance launch(Image ami, String type) {
        Instance i = instances.run(new RunRequest(ami.imageId(), type, 1, 1, Optional.of(IoProfile.VIRTIO),
                Optional.empty(), Optional.empty(), List.of())).instances().get(0);
        host.settle();
        return i;
    }

    /** The instance's row now (after the event listeners caught up). */
    InstanceState state(String instanceId) {
        host.settle();
        return rows.find(instanceId).orElseThrow().state();
    }

    /** Names of the pool's volumes now, but the AMIs'. */
    List<String> poolVolumes() {
        return host.pools().volumes(POOL).stream().filter(v -> !v.startsWith("ami-")).toList();
    }

    @Override
    public void close() {
        host.close();
        db.close();
    }
}
