package io.labvisor.volume;

import io.labvisor.config.LabvisorConfig;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.ResourceId;
import io.labvisor.ec2.Filter;
import io.labvisor.store.IntentJournal;
import io.labvisor.store.IntentKind;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagFilters;
import io.labvisor.tag.TagRules;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TaggedResource;
import io.labvisor.virt.LibvirtHost;
import io.labvisor.virt.VirtException;
import io.labvisor.virtxml.DiskFormat;
import io.labvisor.virtxml.StorageVolumeSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * CreateSnapshot, DescribeSnapshots, DeleteSnapshot. A snapshot is libvirt's copy of the volume
 * ({@code storageVolCreateXMLFrom}) into a standalone qcow2: for a root overlay the copy flattens the backing
 * chain, so a snapshot never depends on an AMI or a volume that may be deleted later. The copy is taken at once
 * and the snapshot is completed when the call returns (EC2's pending phase is not modelled).
 */
public final class SnapshotService {
    private static final Logger log = LoggerFactory.getLogger(SnapshotService.class);

    private final LabvisorConfig config;
    private final LibvirtHost libvirt;
    private final VolumeService volumes;
    private final SnapshotRepository snapshots;
    private final TagService tags;
    private final IntentJournal intents;

    public SnapshotService(LabvisorConfig config, LibvirtHost libvirt, VolumeService volumes,
                           SnapshotRepository snapshots, TagService tags, IntentJournal intents) {
        this.tags = tags;
        this.intents = intents;
        this.config = config;
        this.libvirt = libvirt;
        this.volumes = volumes;
        this.snapshots = snapshots;
    }

    public Snapshot create(String volumeId) {
        return create(volumeId, List.of());
    }

    /** CreateSnapshot with the tags of its {@code TagSpecification}. */
    public Snapshot create(String volumeId, List<Tag> snapshotTags) {
        Volume v = volumes.require(volumeId);
        TagRules.check(snapshotTags);
        String snapshotId = ResourceId.SNAPSHOT.next();
        String poolVolume = snapshotId + ".qcow2";
        try (IntentJournal.Entry intent = intents.begin(IntentKind.CREATE_SNAPSHOT, List.of(snapshotId, volumeId),
                java.util.Map.of(CreateSnapshotRollback.POOL_VOLUME, poolVolume))) {
            return copy(v, snapshotId, poolVolume, snapshotTags);
        }
    }

    private Snapshot copy(Volume v, String snapshotId, String poolVolume, List<Tag> snapshotTags) {
        String volumeId = v.volumeId();
        String xml = StorageVolumeSpec.of(poolVolume, (long) v.sizeGib() << 30, DiskFormat.QCOW2).toXml();
        String path;
        try {
            path = libvirt.pools().cloneVolume(config.poolName(), xml, config.poolName(), v.poolVolume());
        } catch (VirtException e) {
            // qemu-img cannot read an image a running QEMU holds locked for writing
            throw new Ec2Exception(ErrorCode.INCORRECT_STATE, "Volume " + volumeId + " cannot be copied now ("
                    + e.getMessage() + "); detach it or stop its instance first", e);
        }
        Snapshot s = new Snapshot(snapshotId, volumeId, v.sizeGib(), poolVolume, path, "completed", Instant.now());
        snapshots.insert(s);
        tags.tagNew(TaggedResource.SNAPSHOT, List.of(snapshotId), snapshotTags);
        log.info("snapshot {} of {}", snapshotId, volumeId);
        return s;
    }

    public List<Snapshot> describe(List<String> snapshotIds) {
        return describe(snapshotIds, List.of());
    }

    /** Filters: snapshot-id, volume-id, status, volume-size, owner-id, progress, and the tag filters. */
    public List<Snapshot> describe(List<String> snapshotIds, List<Filter> filters) {
        snapshotIds.forEach(volumes::requireSnapshot);
        List<Filter> own = TagFilters.withoutTags(filters);
        List<Snapshot> found = snapshots.all().stream()
                .filter(s -> snapshotIds.isEmpty() || snapshotIds.contains(s.snapshotId()))
                .filter(s -> own.stream().allMatch(f -> f.matchesAny(List.of(switch (f.name()) {
                    case "snapshot-id" -> s.snapshotId();
                    case "volume-id" -> s.volumeId();
                    case "status" -> s.state();
                    case "volume-size" -> Integer.toString(s.sizeGib());
                    case "owner-id" -> io.labvisor.ec2.Account.OWNER_ID;
                    case "progress" -> "100%";
                    default -> throw Ec2Exception.invalidParameter("The filter '" + f.name() + "' is invalid");
                }))))
                .toList();
        return tags.filter(found, Snapshot::snapshotId, filters);
    }

    public void delete(String snapshotId) {
        Snapshot s = volumes.requireSnapshot(snapshotId);
        libvirt.pools().deleteVolumeIfExists(config.poolName(), s.poolVolume());
        snapshots.delete(snapshotId);
        tags.removeAll(snapshotId);
    }
}
