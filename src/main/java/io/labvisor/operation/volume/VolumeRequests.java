package io.labvisor.operation.volume;

import io.labvisor.ec2.Filter;
import io.labvisor.operation.Param;
import io.labvisor.tag.TagSpecification;

import java.util.List;

import static io.labvisor.operation.Lists.orEmpty;

/** The requests of the volume and snapshot operations. */
public final class VolumeRequests {
    private VolumeRequests() {
    }

    /** Not encrypted, attached to one instance at a time: Encrypted, KmsKeyId and MultiAttachEnabled are refused. */
    public record CreateVolume(Integer size, String volumeType, Integer iops, Integer throughput, String snapshotId,
                               String availabilityZone,
                               @Param(query = "TagSpecification") List<TagSpecification> tagSpecifications,
                               @Param(queryOnly = true) Boolean encrypted,
                               @Param(queryOnly = true) String kmsKeyId,
                               @Param(queryOnly = true) Boolean multiAttachEnabled,
                               @Param(queryOnly = true) String clientToken) {
        public CreateVolume {
            tagSpecifications = orEmpty(tagSpecifications);
        }
    }

    public record DescribeVolumes(@Param(query = "VolumeId") List<String> volumeIds,
                                  @Param(query = "Filter") List<Filter> filters,
                                  Integer maxResults, String nextToken) {
        public DescribeVolumes {
            volumeIds = orEmpty(volumeIds);
            filters = orEmpty(filters);
        }
    }

    public record DeleteVolume(@Param(required = true) String volumeId) {
    }

    public record AttachVolume(@Param(required = true) String volumeId, @Param(required = true) String instanceId,
                               @Param(required = true) String device) {
    }

    /** InstanceId and Device, when given, must be where the volume is attached. */
    public record DetachVolume(@Param(required = true) String volumeId, String instanceId,
                               @Param(queryOnly = true) String device, Boolean force) {
    }

    /** labvisor keeps no snapshot description, so one is refused, not dropped. */
    public record CreateSnapshot(@Param(required = true) String volumeId,
                                 @Param(queryOnly = true) String description,
                                 @Param(query = "TagSpecification") List<TagSpecification> tagSpecifications) {
        public CreateSnapshot {
            tagSpecifications = orEmpty(tagSpecifications);
        }
    }

    /** Every snapshot here belongs to the lab's one account and is restorable by it. */
    public record DescribeSnapshots(@Param(query = "SnapshotId") List<String> snapshotIds,
                                    @Param(query = "Owner") List<String> ownerIds,
                                    @Param(query = "RestorableBy", queryOnly = true) List<String> restorableByUserIds,
                                    @Param(query = "Filter") List<Filter> filters,
                                    Integer maxResults, String nextToken) {
        public DescribeSnapshots {
            snapshotIds = orEmpty(snapshotIds);
            ownerIds = orEmpty(ownerIds);
            restorableByUserIds = orEmpty(restorableByUserIds);
            filters = orEmpty(filters);
        }
    }

    public record DeleteSnapshot(@Param(required = true) String snapshotId) {
    }
}
