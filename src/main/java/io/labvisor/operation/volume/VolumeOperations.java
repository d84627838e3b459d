package io.labvisor.operation.volume;

import io.labvisor.compute.InstanceService;
import io.labvisor.compute.VolumeAttachments;
import io.labvisor.ec2.Account;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Placement;
import io.labvisor.operation.CreatedTags;
import io.labvisor.operation.Operation;
import io.labvisor.operation.Page;
import io.labvisor.operation.Paged;
import io.labvisor.operation.Pager;
import io.labvisor.operation.Returned;
import io.labvisor.operation.TagItem;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TaggedResource;
import io.labvisor.volume.Snapshot;
import io.labvisor.volume.SnapshotService;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeService;

import java.util.List;
import java.util.Optional;

import static io.labvisor.operation.Operation.of;

/** CreateVolume, DescribeVolumes, DeleteVolume, Attach/DetachVolume, Create/Describe/DeleteSnapshot. */
public final class VolumeOperations {
    private static final Pager DESCRIBE = new Pager("DescribeVolumes", 5, 500);
    private static final Pager SNAPSHOTS = new Pager("DescribeSnapshots", 5, 1000);

    private final VolumeService volumes;
    private final VolumeAttachments attachments;
    private final SnapshotService snapshots;
    private final InstanceService instances;
    private final TagService tags;

    public VolumeOperations(VolumeService volumes, VolumeAttachments attachments, SnapshotService snapshots,
                            InstanceService instances, TagService tags) {
        this.volumes = volumes;
        this.attachments = attachments;
        this.snapshots = snapshots;
        this.instances = instances;
        this.tags = tags;
    }

    public List<Operation<?, ?>> all() {
        return List.of(
                of("CreateVolume", VolumeRequests.CreateVolume.class, VolumeResponses.Volume.class, this::create),
                of("DescribeVolumes", VolumeRequests.DescribeVolumes.class, VolumeResponses.DescribeVolumes.class,
                        this::describe),
                of("DeleteVolume", VolumeRequests.DeleteVolume.class, Returned.class, this::delete),
                of("AttachVolume", VolumeRequests.AttachVolume.class, VolumeResponses.Attachment.class, this::attach),
                of("DetachVolume", VolumeRequests.DetachVolume.class, VolumeResponses.Attachment.class, this::detach),
                of("CreateSnapshot", VolumeRequests.CreateSnapshot.class, VolumeResponses.Snapshot.class,
                        this::createSnapshot),
                of("DescribeSnapshots", VolumeRequests.DescribeSnapshots.class,
                        VolumeResponses.DescribeSnapshots.class, this::describeSnapshots),
                of("DeleteSnapshot", VolumeRequests.DeleteSnapshot.class, Returned.class, this::deleteSnapshot));
    }

    private Operation.Prepared<VolumeResponses.Volume> create(VolumeRequests.CreateVolume q) {
        if (Boolean.TRUE.equals(q.encrypted()) || q.kmsKeyId() != null) {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "labvisor volumes are not encrypted");
        }
        if (Boolean.TRUE.equals(q.multiAttachEnabled())) {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "labvisor volumes attach to one instance");
        }
        List<Tag> volumeTags = CreatedTags.only(q.tagSpecifications(), TaggedResource.VOLUME);
        VolumeService.CreateRequest r = new VolumeService.CreateRequest(q.size(),
                Optional.ofNullable(q.volumeType()).orElse("gp2"), Optional.ofNullable(q.iops()),
                Optional.ofNullable(q.throughput()), Optional.ofNullable(q.snapshotId()),
                Optional.ofNullable(q.availabilityZone()), volumeTags);
        volumes.check(r);
        return () -> {
            Volume v = volumes.create(r);
            return volume(v, tags.of(v.volumeId()));
        };
    }

    /** The volume's own filters and tag filters. */
    private Operation.Prepared<VolumeResponses.DescribeVolumes> describe(VolumeRequests.DescribeVolumes q) {
        Pager.Request paging = Paged.read(DESCRIBE, q.maxResults(), q.nextToken(), q.volumeIds(), "VolumeId");
        Page<Volume> page = paging.page(volumes.describe(q.volumeIds(), q.filters()));
        return () -> new VolumeResponses.DescribeVolumes(page.items().stream().map(v -> volume(v, tags.of(v.volumeId()))).toList(),
                page.nextToken().orElse(null));
    }

    private Operation.Prepared<Returned> delete(VolumeRequests.DeleteVolume q) {
        Volume v = volumes.checkDeletable(q.volumeId());
        return () -> {
            volumes.delete(v.volumeId());
            return Returned.TRUE;
        };
    }

    /** Answers the attachment as {@code attaching}, as EC2 does. */
    private Operation.Prepared<VolumeResponses.Attachment> attach(VolumeRequests.AttachVolume q) {
        volumes.require(q.volumeId());
        instances.require(q.instanceId());
        return () -> attachment(attachments.attach(q.volumeId(), q.instanceId(), q.device()), "attaching");
    }

    private Operation.Prepared<VolumeResponses.Attachment> detach(VolumeRequests.DetachVolume q) {
        Volume v = volumes.require(q.volumeId());
        if (q.device() != null && !v.deviceName().equals(Optional.of(q.device()))) {
            throw new Ec2Exception(ErrorCode.INCORRECT_STATE, "Volume '" + v.volumeId() + "' is not attached at "
                    + q.device());
        }
        boolean force = Boolean.TRUE.equals(q.force());
        return () -> attachment(attachments.detach(v.volumeId(), Optional.ofNullable(q.instanceId()), force),
                "detaching");
    }

    private Operation.Prepared<VolumeResponses.Snapshot> createSnapshot(VolumeRequests.CreateSnapshot q) {
        if (q.description() != null && !q.description().isEmpty()) {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "labvisor does not keep snapshot descriptions");
        }
        List<Tag> snapshotTags = CreatedTags.only(q.tagSpecifications(), TaggedResource.SNAPSHOT);
        volumes.require(q.volumeId());
        return () -> {
            Snapshot s = snapshots.create(q.volumeId(), snapshotTags);
            return snapshot(s, tags.of(s.snapshotId()));
        };
    }

    /** Owner: self or the lab's account match every snapshot, any other owner none. */
    private Operation.Prepared<VolumeResponses.DescribeSnapshots> describeSnapshots(
            VolumeRequests.DescribeSnapshots q) {
        Pager.Request paging = Paged.read(SNAPSHOTS, q.maxResults(), q.nextToken(), q.snapshotIds(), "SnapshotId");
        List<Snapshot> found = snapshots.describe(q.snapshotIds(), q.filters());
        List<String> owners = q.ownerIds();
        boolean ours = owners.isEmpty() || owners.contains("self") || owners.contains(Account.OWNER_ID);
        Page<Snapshot> page = paging.page(ours ? found : List.of());
        return () -> new VolumeResponses.DescribeSnapshots(page.items().stream().map(s -> snapshot(s, tags.of(s.snapshotId()))).toList(),
                page.nextToken().orElse(null));
    }

    private Operation.Prepared<Returned> deleteSnapshot(VolumeRequests.DeleteSnapshot q) {
        snapshots.describe(List.of(q.snapshotId()));
        return () -> {
            snapshots.delete(q.snapshotId());
            return Returned.TRUE;
        };
    }

    /** One volume as EC2 shows it, with its tags. */
    public static VolumeResponses.Volume volume(Volume v, List<Tag> volumeTags) {
        List<VolumeResponses.Attachment> attached = v.instanceId().isPresent()
                ? List.of(attachment(v, "attached")) : List.of();
        Long iops = null;
        Long throughput = null;
        if (!v.isRoot()) {
            var p = v.performance();
            iops = p.iops();
            throughput = v.volumeType().equals("gp3") ? p.throughputMiBps() : null;
        }
        return new VolumeResponses.Volume(v.volumeId(), v.sizeGib(), v.snapshotId().orElse(""),
                Placement.AVAILABILITY_ZONE, v.state(), v.createTime(), attached,
                TagItem.of(volumeTags), v.volumeType(), iops, throughput, false, false);
    }

    /** One attachment ({@code state}: attaching, attached, detaching, detached). */
    public static VolumeResponses.Attachment attachment(Volume v, String state) {
        return new VolumeResponses.Attachment(v.volumeId(), v.instanceId().orElse(""), v.deviceName().orElse(""),
                state, v.attachTime().orElse(null), v.deleteOnTermination());
    }

    public static VolumeResponses.Snapshot snapshot(Snapshot s, List<Tag> snapshotTags) {
        return new VolumeResponses.Snapshot(s.snapshotId(), s.volumeId(), s.state(), s.startTime(), "100%",
                Account.OWNER_ID, s.sizeGib(), "", false, TagItem.of(snapshotTags));
    }
}
