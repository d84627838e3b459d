package io.labvisor.volume;

import io.labvisor.config.LabvisorConfig;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import io.labvisor.ec2.Placement;
import io.labvisor.ec2.ResourceId;
import io.labvisor.image.ImageService;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagFilters;
import io.labvisor.tag.TagRules;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TaggedResource;
import io.labvisor.store.IntentJournal;
import io.labvisor.store.IntentKind;
import io.labvisor.virt.LeftoverVolumes;
import io.labvisor.virt.LibvirtHost;
import io.labvisor.virtxml.DiskFormat;
import io.labvisor.virtxml.StorageVolumeSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * CreateVolume, DescribeVolumes, DeleteVolume. A volume is a sparse qcow2 file in the pool (creating, then
 * available once libvirt made it); from a snapshot, libvirt copies the snapshot's standalone qcow2, so the new
 * volume shares no file with it. Every check runs before anything is created.
 */
public final class VolumeService {
    private static final Logger log = LoggerFactory.getLogger(VolumeService.class);

    private final LabvisorConfig config;
    private final LibvirtHost libvirt;
    private final ImageService images;
    private final VolumeRepository volumes;
    private final SnapshotRepository snapshots;
    private final TagService tags;
    private final IntentJournal intents;

    public VolumeService(LabvisorConfig config, LibvirtHost libvirt, ImageService images, VolumeRepository volumes,
                         SnapshotRepository snapshots, TagService tags, IntentJournal intents) {
        this.tags = tags;
        this.intents = intents;
        this.config = config;
        this.libvirt = libvirt;
        this.images = images;
        this.volumes = volumes;
        this.snapshots = snapshots;
    }

    /** What CreateVolume asks for; a null size means the snapshot's size. */
    public record CreateRequest(Integer sizeGib, String volumeType, Optional<Integer> iops,
                                Optional<Integer> throughput, Optional<String> snapshotId,
                                Optional<String> availabilityZone, List<Tag> tags) {
        public CreateRequest {
            tags = List.copyOf(tags);
        }

        public CreateRequest(Integer sizeGib, String volumeType, Optional<Integer> iops, Optional<Integer> throughput,
                             Optional<String> snapshotId, Optional<String> availabilityZone) {
            this(sizeGib, volumeType, iops, throughput, snapshotId, availabilityZone, List.of());
        }
    }

    /** What a valid CreateVolume resolves to. */
    private record Checked(int size, VolumeType type, VolumePerformance performance, Optional<Snapshot> snapshot) {
    }

    /** Every check CreateVolume makes, without creating anything (DryRun). */
    public void check(CreateRequest r) {
        checked(r);
    }

    private Checked checked(CreateRequest r) {
        r.availabilityZone().filter(z -> !z.equals(Placement.AVAILABILITY_ZONE)).ifPresent(z -> {
            throw Ec2Exception.invalidParameter("Invalid availability zone: [" + z + "]");
        });
        Optional<Snapshot> snapshot = r.snapshotId().map(this::requireSnapshot);
        if (r.sizeGib() == null && snapshot.isEmpty()) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter size or "
                    + "snapshotId");
        }
        int size = r.sizeGib() != null ? r.sizeGib() : snapshot.get().sizeGib();
        if (snapshot.isPresent() && size < snapshot.get().sizeGib()) {
            throw Ec2Exception.invalidParameter("The volume size is invalid for snapshot " + r.snapshotId().get()
                    + ": at least " + snapshot.get().sizeGib() + " GiB");
        }
        VolumeType type = VolumeType.parse(r.volumeType() == null ? "gp2" : r.volumeType());
        VolumePerformance p = EbsLimits.resolve(type, size, r.iops(), r.throughput());
        TagRules.check(r.tags());
        return new Checked(size, type, p, snapshot);
    }

    public Volume create(CreateRequest r) {
        return create(r, Optional.empty());
    }

    /**
     * Where a volume created for a launching instance is attached (RunInstances' block device mappings): the row
     * is born attached, so a failed launch's clean-up finds and removes it with the instance's other volumes.
     */
    public record Attachment(String instanceId, String deviceName, String targetDev, boolean deleteOnTermination) {
    }

    /** Checks and creates a volume already attached to a launching instance (in-use once libvirt made it). */
    public Volume createAttached(CreateRequest r, Attachment at) {
        return create(r, Optional.of(at));
    }

    private Volume create(CreateRequest r, Optional<Attachment> at) {
        Checked checked = checked(r);
        int size = checked.size();
        VolumeType type = checked.type();
        VolumePerformance p = checked.performance();
        Optional<Snapshot> snapshot = checked.snapshot();
        images.ensurePool();
        String volumeId = ResourceId.VOLUME.next();
        String poolVolume = volumeId + ".qcow2";
        Instant now = Instant.now();
        Volume v = new Volume(volumeId, size, type.label(), poolVolume, "", "creating", Optional.empty(),
                at.map(Attachment::instanceId), at.map(Attachment::deviceName),
                at.map(Attachment::deleteOnTermination).orElse(false), now,
                type.provisionsIops() ? Optional.of((int) p.iops()) : Optional.empty(),
                type.provisionsThroughput() ? Optional.of((int) p.throughputMiBps()) : Optional.empty(),
                r.snapshotId(), at.map(Attachment::targetDev), at.map(a -> now));
        try (IntentJournal.Entry intent = intents.begin(IntentKind.CREATE_VOLUME, List.of(volumeId),
                java.util.Map.of(CreateVolumeRollback.POOL_VOLUME, poolVolume))) {
            return insertAndCreate(r, at, v, snapshot);
        }
    }

    private Volume insertAndCreate(CreateRequest r, Optional<Attachment> at, Volume v, Optional<Snapshot> snapshot) {
        String volumeId = v.volumeId();
        String poolVolume = v.poolVolume();
        int size = v.sizeGib();
        volumes.insert(v);
        tags.tagNew(TaggedResource.VOLUME, List.of(volumeId), r.tags());
        try {
            StorageVolumeSpec spec = StorageVolumeSpec.of(poolVolume, (long) size << 30, DiskFormat.QCOW2);
            String path = snapshot.isPresent()
                    ? libvirt.pools().cloneVolume(config.poolName(), spec.toXml(), config.poolName(),
                            snapshot.get().poolVolume())
                    : libvirt.pools().createVolume(config.poolName(), spec.toXml());
            Volume created = volumes.markCreated(volumeId, path, at.isPresent() ? "in-use" : "available");
            log.info("created {} ({} GiB {}{}{})", volumeId, size, v.volumeType(),
                    r.snapshotId().map(s -> " from " + s).orElse(""),
                    at.map(a -> " for " + a.instanceId() + " at " + a.deviceName()).orElse(""));
            return created;
        } catch (RuntimeException e) {
            volumes.delete(volumeId);
            tags.removeAll(volumeId);
            throw e;
        }
    }

    /**
     * For labvisord's start, after the intent journal was replayed: a volume still {@code creating} or
     * {@code deleting} that no intent named (a state written before the journal) is rolled back or deleted as its
     * intent's recovery would. Returns what changed.
     */
    public List<String> recoverInterrupted() {
        List<String> changed = new java.util.ArrayList<>();
        for (Volume v : volumes.all()) {
            if (v.state().equals("creating") || v.state().equals("deleting")) {
                changed.add(v.volumeId() + ": " + v.state() + " -> " + (v.state().equals("creating") ? "rolled back"
                        : "deleted"));
                remove(v);
            }
        }
        return changed;
    }

    /** Removes a volume's file (once libvirt no longer builds it), its row and its tags. */
    void remove(Volume v) {
        LeftoverVolumes.delete(libvirt.pools(), config.poolName(), v.poolVolume());
        volumes.delete(v.volumeId());
        tags.removeAll(v.volumeId());
    }

    /** A pool file no row names (its row was never written): removed once libvirt no longer builds it. */
    boolean removeFile(String poolVolume) {
        return LeftoverVolumes.delete(libvirt.pools(), config.poolName(), poolVolume);
    }

    public List<Volume> describe(List<String> volumeIds, List<Filter> filters) {
        List<Volume> all = volumes.all();
        List<String> missing = volumeIds.stream()
                .filter(id -> all.stream().noneMatch(v -> v.volumeId().equals(id))).toList();
        if (!missing.isEmpty()) {
            throw notFound(missing.get(0));
        }
        return all.stream()
                .filter(v -> volumeIds.isEmpty() || volumeIds.contains(v.volumeId()))
                .filter(v -> VolumeFilters.matches(v, TagFilters.withoutTags(filters)))
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                        list -> tags.filter(list, Volume::volumeId, filters)));
    }

    public Volume require(String volumeId) {
        return volumes.find(volumeId).orElseThrow(() -> notFound(volumeId));
    }

    /** Only an available volume can go; an attached one is VolumeInUse. */
    public void delete(String volumeId) {
        Volume v = checkDeletable(volumeId);
        try (IntentJournal.Entry intent = intents.begin(IntentKind.DELETE_VOLUME, List.of(volumeId),
                java.util.Map.of())) {
            delete(v);
        }
    }

    private void delete(Volume v) {
        String volumeId = v.volumeId();
        // The check above read the state; an attach may have won since. Only the conditional claim decides.
        if (!volumes.claimForDeletion(volumeId)) {
            throw inUse(volumes.find(volumeId).orElseThrow(() -> notFound(volumeId)));
        }
        try {
            libvirt.pools().deleteVolumeIfExists(config.poolName(), v.poolVolume());
        } catch (RuntimeException e) {
            volumes.releaseDeletionClaim(volumeId);
            throw e;
        }
        volumes.delete(volumeId);
        tags.removeAll(volumeId);
        log.info("deleted {}", volumeId);
    }

    /** The checks of {@link #delete}, deleting nothing (DryRun). */
    public Volume checkDeletable(String volumeId) {
        Volume v = require(volumeId);
        if (!v.state().equals("available")) {
            throw inUse(v);
        }
        return v;
    }

    private static Ec2Exception inUse(Volume v) {
        return new Ec2Exception(ErrorCode.VOLUME_IN_USE, "Volume " + v.volumeId() + " is currently attached to "
                + v.instanceId().orElse("an instance"));
    }

    Snapshot requireSnapshot(String snapshotId) {
        return snapshots.find(snapshotId).orElseThrow(() -> new Ec2Exception(ErrorCode.INVALID_SNAPSHOT_NOT_FOUND,
                "The snapshot '" + snapshotId + "' does not exist."));
    }

    static Ec2Exception notFound(String volumeId) {
        return new Ec2Exception(ErrorCode.INVALID_VOLUME_ID_NOT_FOUND,
                "The volume '" + volumeId + "' does not exist.");
    }
}
