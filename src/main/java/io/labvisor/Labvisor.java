package io.labvisor;

import io.labvisor.accel.AccelChoice;
import io.labvisor.accel.AccelSelector;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.compute.AccelProbe;
import io.labvisor.compute.DomainPlanner;
import io.labvisor.compute.HostCapacity;
import io.labvisor.host.HostPartition;
import io.labvisor.card.TapFilters;
import io.labvisor.compute.InstanceCards;
import io.labvisor.compute.InstanceLauncher;
import io.labvisor.compute.InstanceLifecycle;
import io.labvisor.compute.InstanceRepository;
import io.labvisor.compute.InstanceService;
import io.labvisor.compute.InstanceStopper;
import io.labvisor.compute.UserDataStore;
import io.labvisor.net.InstanceAddresses;
import io.labvisor.net.VpcRepository;
import io.labvisor.net.VpcService;
import io.labvisor.net.sg.SecurityGroupService;
import io.labvisor.compute.InstanceStore;
import io.labvisor.compute.InstancesInFlight;
import io.labvisor.compute.GuestPowerOff;
import io.labvisor.control.Controller;
import io.labvisor.control.LibvirtBinding;
import io.labvisor.compute.InstanceTerminator;
import io.labvisor.compute.Reconciler;
import io.labvisor.config.LabvisorConfig;
import io.labvisor.iam.AccessKeys;
import io.labvisor.image.ImageRepository;
import io.labvisor.image.ImageService;
import io.labvisor.imds.MetadataService;
import io.labvisor.net.DefaultNetwork;
import io.labvisor.store.Database;
import io.labvisor.store.Settings;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TaggedResource;
import io.labvisor.compute.InstanceState;
import io.labvisor.virt.HostInfo;
import io.labvisor.virt.LibvirtSession;
import io.labvisor.compute.ImageCapture;
import io.labvisor.compute.VolumeAttachments;
import io.labvisor.volume.SnapshotRepository;
import io.labvisor.volume.SnapshotService;
import io.labvisor.volume.VolumeRepository;
import io.labvisor.volume.VolumeService;

import io.labvisor.compute.AttachSettle;
import io.labvisor.compute.DetachRollForward;
import io.labvisor.compute.LaunchRollback;
import io.labvisor.compute.StartSettle;
import io.labvisor.compute.StopRollForward;
import io.labvisor.compute.TerminateRollForward;
import io.labvisor.control.IntentReplay;
import io.labvisor.image.ImageLeftovers;
import io.labvisor.store.IntentJournal;
import io.labvisor.store.IntentKind;
import io.labvisor.volume.CreateSnapshotRollback;
import io.labvisor.volume.CreateVolumeRollback;
import io.labvisor.volume.DeleteVolumeRollForward;

import java.time.Duration;
import java.util.Map;

/**
 * The composition root: opens the state database and the libvirt connection and wires the services; {@link #open}
 * then starts the control loop ({@link Controller}). The daemon holds one; so do in-process tests.
 */
public final class Labvisor implements AutoCloseable {
    private final LabvisorConfig config;
    private final Database db;
    private final LibvirtSession libvirt;
    private final InstanceTypeCatalog catalog;
    private final ImageService images;
    private final InstanceService instances;
    private final VpcService vpcs;
    private final SecurityGroupService securityGroups;
    private final MetadataService metadata;
    private final InstanceRepository instanceRows;
    private final VolumeRepository volumes;
    private final AccelSelector accel;
    private final VolumeService volumeService;
    private final VolumeAttachments attachments;
    private final SnapshotService snapshots;
    private final ImageCapture imageCapture;
    private final TagService tags;
    private final SnapshotRepository snapshotRows;
    private final VpcRepository vpcRows;
    /** The user Debian's libvirt runs QEMU as under qemu:///system; card sockets are made reachable for it. */
    private static final String QEMU_USER = "libvirt-qemu";

    private final AccessKeys accessKeys;
    private final HostCapacity capacity;
    private final HostPartition partition;
    private final InstanceCards cards;
    private final Settings settings;
    private final Controller controller;
    private final IntentReplay intentReplay;

    private Labvisor(LabvisorConfig config) {
        this.config = config;
        this.db = Database.open(config.databaseFile());
        this.libvirt = LibvirtSession.open(config.libvirtUri());
        this.catalog = InstanceTypeCatalog.builtIn();
        this.tags = new TagService(db, this::tagTargetExists);
        IntentJournal intents = new IntentJournal(db);
        this.images = new ImageService(config, libvirt, new ImageRepository(db), tags, intents);
        this.instanceRows = new InstanceRepository(db);
        this.volumes = new VolumeRepository(db);
        this.accessKeys = new AccessKeys(db);
        HostInfo host = libvirt.host();
        this.partition = HostPartition.forHost(host.cpus(), host.memoryMiB(), config.partitionEnv());
        this.capacity = HostCapacity.of(partition, host.memoryMiB());
        DomainPlanner planner = new DomainPlanner(partition, io.labvisor.compute.TrafficShaping.hostSupports());
        this.cards = InstanceCards.of(config, QEMU_USER, catalog, volumes, partition, libvirt.networks()::bridgeOf,
                TapFilters.of(b -> libvirt.nwfilterBindings().ensure(b),
                        tap -> libvirt.nwfilterBindings().deleteIfExists(tap)));
        Settings settings = new Settings(db);
        this.accel = new AccelSelector(settings, config.accelOverride(),
                AccelSelector.hostKey(host.hypervisorVersion()),
                AccelSelector.kvmDevicePresent() && host.kvmListed(),
                new AccelProbe(config, libvirt, images, planner, catalog));
        DefaultNetwork network = new DefaultNetwork(libvirt);
        this.vpcRows = new VpcRepository(db);
        this.vpcs = new VpcService(vpcRows, libvirt, network, tags);
        InstanceAddresses addresses = new InstanceAddresses(libvirt, vpcRows);
        this.securityGroups = new SecurityGroupService(db, libvirt, vpcs, tags);
        InstanceStore instanceStore = new InstanceStore(config, libvirt);
        InstanceTerminator terminator = new InstanceTerminator(config, libvirt, instanceRows, volumes, images,
                instanceStore, cards, addresses, vpcs, securityGroups, tags);
        UserDataStore userData = new UserDataStore(config);
        this.metadata = new MetadataService(config.imdsDir(), config.netns(), config.stateDir());
        this.snapshotRows = new SnapshotRepository(db);
        this.volumeService = new VolumeService(config, libvirt, images, volumes, snapshotRows, tags, intents);
        InstanceLauncher launcher = new InstanceLauncher(config, libvirt, images, volumes, volumeService, planner,
                network, instanceStore, cards, userData, addresses, metadata);
        InstancesInFlight inFlight = new InstancesInFlight();
        this.instances = new InstanceService(config, libvirt, catalog, images, instanceRows, launcher, terminator,
                new InstanceStopper(libvirt, instanceStore, cards), userData, vpcs, securityGroups, capacity,
                () -> accel.choose().accelerator(), tags, inFlight, intents);
        this.attachments = new VolumeAttachments(libvirt, instances, catalog, volumeService, volumes, cards, intents);
        this.snapshots = new SnapshotService(config, libvirt, volumeService, snapshotRows, tags, intents);
        this.imageCapture = new ImageCapture(instances, images, volumes);
        this.settings = settings;
        this.controller = new Controller(libvirt, new InstanceLifecycle(instanceRows),
                new GuestPowerOff(instanceRows, libvirt, instanceStore, cards),
                new Reconciler(libvirt, instanceRows, terminator, cards, inFlight), metadata);
        ImageLeftovers imageLeftovers = new ImageLeftovers(images);
        this.intentReplay = new IntentReplay(intents, Map.ofEntries(
                Map.entry(IntentKind.LAUNCH, new LaunchRollback(libvirt, instanceRows, volumes, terminator)),
                Map.entry(IntentKind.TERMINATE, new TerminateRollForward(libvirt, instanceRows, terminator)),
                Map.entry(IntentKind.STOP, new StopRollForward(libvirt, instanceRows, instanceStore, cards)),
                Map.entry(IntentKind.START, new StartSettle(libvirt, instanceRows, instanceStore, cards)),
                Map.entry(IntentKind.CREATE_VOLUME, new CreateVolumeRollback(volumeService, volumes)),
                Map.entry(IntentKind.DELETE_VOLUME, new DeleteVolumeRollForward(volumeService, volumes)),
                Map.entry(IntentKind.ATTACH_VOLUME, new AttachSettle(instanceRows, volumes, attachments)),
                Map.entry(IntentKind.DETACH_VOLUME, new DetachRollForward(instanceRows, volumes, attachments)),
                Map.entry(IntentKind.CREATE_SNAPSHOT, new CreateSnapshotRollback(volumeService, snapshotRows)),
                Map.entry(IntentKind.CREATE_IMAGE, imageLeftovers),
                Map.entry(IntentKind.REGISTER_IMAGE, imageLeftovers)));
    }

    /**
     * Wires a labvisor over {@code config}'s state, checks that the state belongs to this libvirt
     * ({@link LibvirtBinding}) and starts its control loop: lifecycle events applied from now on,
     * one reconciliation with libvirt, instance filters upgraded once per state. The daemon adds the sweep.
     */
    public static Labvisor open(LabvisorConfig config) {
        return open(config, false);
    }

    /**
     * As {@link #open}, for labvisord, the one process that writes the state: before the first reconciliation,
     * every operation a killed labvisord left half done (the intent journal) is rolled forward or back. Only there:
     * a labvisor opened in-process beside a live daemon must not undo that daemon's operations.
     */
    public static Labvisor openRecovering(LabvisorConfig config) {
        return open(config, true);
    }

    private static Labvisor open(LabvisorConfig config, boolean recover) {
        Labvisor labvisor = new Labvisor(config);
        try {
            LibvirtBinding.bind(labvisor.settings, labvisor.libvirt.uri(), labvisor.libvirt.host().hostname());
            labvisor.controller.start(recover ? labvisor.intentReplay::replay : () -> { });
            labvisor.securityGroups.upgradeInstanceFilters(labvisor.settings);
            return labvisor;
        } catch (RuntimeException e) {
            labvisor.close();
            throw e;
        }
    }

    /** Whether a taggable resource exists now (terminated instances and deregistered AMIs do not). */
    private boolean tagTargetExists(TaggedResource type, String id) {
        return switch (type) {
            case INSTANCE -> instanceRows.find(id).filter(i -> i.state() != InstanceState.TERMINATED).isPresent();
            case VOLUME -> volumes.find(id).isPresent();
            case SNAPSHOT -> snapshotRows.find(id).isPresent();
            case IMAGE -> images.find(id).filter(i -> i.state() == io.labvisor.image.Image.ImageState.AVAILABLE)
                    .isPresent();
            case VPC -> vpcRows.vpcs().stream().anyMatch(v -> v.vpcId().equals(id));
            case SUBNET -> vpcRows.subnets().stream().anyMatch(s -> s.subnetId().equals(id));
            case SECURITY_GROUP -> securityGroups.exists(id);
        };
    }

    public LabvisorConfig config() {
        return config;
    }

    public LibvirtSession libvirt() {
        return libvirt;
    }

    public InstanceTypeCatalog catalog() {
        return catalog;
    }

    public ImageService images() {
        return images;
    }

    /** The instance metadata server of labvisor's namespace (shared by every state on the host). */
    public MetadataService metadata() {
        return metadata;
    }

    public SecurityGroupService securityGroups() {
        return securityGroups;
    }

    public VpcService vpcs() {
        return vpcs;
    }

    public InstanceService instances() {
        return instances;
    }

    public VolumeRepository volumes() {
        return volumes;
    }

    /** CreateVolume, DescribeVolumes, DeleteVolume. */
    public VolumeService volumeService() {
        return volumeService;
    }

    /** AttachVolume, DetachVolume. */
    public VolumeAttachments attachments() {
        return attachments;
    }

    public SnapshotService snapshots() {
        return snapshots;
    }

    /** CreateImage. */
    public ImageCapture imageCapture() {
        return imageCapture;
    }

    /** CreateTags, DeleteTags, DescribeTags and every resource's tags. */
    public TagService tags() {
        return tags;
    }

    /** The EC2 Query API's access keys. */
    public AccessKeys accessKeys() {
        return accessKeys;
    }

    public HostCapacity capacity() {
        return capacity;
    }

    public HostPartition partition() {
        return partition;
    }

    public InstanceCards cards() {
        return cards;
    }

    public AccelChoice accel() {
        return accel.choose();
    }

    public AccelChoice reprobeAccel() {
        return accel.reprobe();
    }

    /** What the last reconciliation with libvirt changed (the one at open, or the daemon's last sweep). */
    public Reconciler.Report reconciled() {
        return controller.lastReport();
    }

    /** The control loop: lifecycle events, reconciliation, and in the daemon the sweep and the metadata watch. */
    public Controller controller() {
        return controller;
    }

    @Override
    public void close() {
        controller.close();
        cards.release();
        libvirt.events().drain(Duration.ofSeconds(2));
        libvirt.close();
        db.close();
    }
}
