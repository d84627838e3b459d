package io.labvisor.operation.volume;

import io.labvisor.operation.Field;
import io.labvisor.operation.TagItem;

import java.time.Instant;
import java.util.List;

/** Volumes, attachments and snapshots as EC2's model has them (shapes Volume, VolumeAttachment, Snapshot). */
public final class VolumeResponses {
    private VolumeResponses() {
    }

    /** One volume: one of DescribeVolumes' {@code volumeSet}, or CreateVolume's whole answer. */
    public record Volume(String volumeId, int size, String snapshotId, String availabilityZone,
                         @Field(xml = "status") String state, Instant createTime,
                         @Field(xml = "attachmentSet") List<Attachment> attachments,
                         @Field(xml = "tagSet", omitEmpty = true) List<TagItem> tags,
                         String volumeType, Long iops, Long throughput, boolean encrypted,
                         boolean multiAttachEnabled) {
    }

    /** One attachment ({@code status}: attaching, attached, detaching, detached); Attach/DetachVolume's answer. */
    public record Attachment(String volumeId, String instanceId, String device, @Field(xml = "status") String state,
                             Instant attachTime, boolean deleteOnTermination) {
    }

    public record DescribeVolumes(@Field(xml = "volumeSet") List<Volume> volumes, String nextToken) {
    }

    /** One snapshot: one of DescribeSnapshots' {@code snapshotSet}, or CreateSnapshot's whole answer. */
    public record Snapshot(String snapshotId, String volumeId, @Field(xml = "status") String state,
                           Instant startTime, String progress, String ownerId, int volumeSize, String description,
                           boolean encrypted, @Field(xml = "tagSet", omitEmpty = true) List<TagItem> tags) {
    }

    public record DescribeSnapshots(@Field(xml = "snapshotSet") List<Snapshot> snapshots, String nextToken) {
    }
}
