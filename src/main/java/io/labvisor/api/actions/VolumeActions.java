package io.labvisor.api.actions;

import io.labvisor.api.query.Page;
import io.labvisor.api.query.Pager;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.VolumeXml;
import io.labvisor.api.xml.XmlNode;
import io.labvisor.compute.InstanceService;
import io.labvisor.compute.VolumeAttachments;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TaggedResource;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeService;

import java.util.List;
import java.util.Optional;

/**
 * CreateVolume, DescribeVolumes, DeleteVolume, AttachVolume, DetachVolume: EC2's parameters over the same
 * {@link VolumeService} and {@link VolumeAttachments} the CLI uses.
 */
final class VolumeActions {
    private static final Pager DESCRIBE = new Pager("DescribeVolumes", 5, 500);

    private final VolumeService volumes;
    private final VolumeAttachments attachments;
    private final InstanceService instances;
    private final TagService tags;

    VolumeActions(VolumeService volumes, VolumeAttachments attachments, InstanceService instances, TagService tags) {
        this.volumes = volumes;
        this.attachments = attachments;
        this.instances = instances;
        this.tags = tags;
    }

    List<ActionHandler> handlers() {
        return List.of(new NamedAction("CreateVolume", this::create),
                new NamedAction("DescribeVolumes", this::describe),
                new NamedAction("DeleteVolume", this::delete),
                new NamedAction("AttachVolume", this::attach),
                new NamedAction("DetachVolume", this::detach));
    }

    /** Size, VolumeType, Iops, Throughput, SnapshotId, AvailabilityZone, TagSpecification.N; not encrypted. */
    private ActionHandler.Execution create(QueryRequest q) {
        if (q.bool("Encrypted", false) || q.string("KmsKeyId").isPresent()) {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "labvisor volumes are not encrypted");
        }
        if (q.bool("MultiAttachEnabled", false)) {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "labvisor volumes attach to one instance");
        }
        q.string("ClientToken"); // accepted; not yet idempotent (as RunInstances)
        VolumeService.CreateRequest r = new VolumeService.CreateRequest(q.integer("Size").orElse(null),
                q.string("VolumeType").orElse("gp2"), q.integer("Iops"), q.integer("Throughput"),
                q.string("SnapshotId"), q.string("AvailabilityZone"), ApiTags.forOnly(q, TaggedResource.VOLUME));
        volumes.check(r);
        return out -> {
            Volume v = volumes.create(r);
            VolumeXml.volume(out, v, tags.of(v.volumeId()));
        };
    }

    /** VolumeId.N, Filter.N (the volume's own and tag filters), MaxResults 5-500, NextToken. */
    private ActionHandler.Execution describe(QueryRequest q) {
        List<String> ids = q.list("VolumeId");
        var filters = q.filters();
        Pager.Request paging = Paged.read(DESCRIBE, q, ids, "VolumeId");
        Page<Volume> page = paging.page(volumes.describe(ids, filters));
        return out -> {
            XmlNode set = out.child("volumeSet");
            page.items().forEach(v -> VolumeXml.volume(set.item(), v, tags.of(v.volumeId())));
            page.nextToken().ifPresent(t -> out.text("nextToken", t));
        };
    }

    private ActionHandler.Execution delete(QueryRequest q) {
        Volume v = volumes.checkDeletable(q.requiredString("VolumeId"));
        return out -> {
            volumes.delete(v.volumeId());
            out.text("return", true);
        };
    }

    /** VolumeId, InstanceId, Device: answers the attachment as {@code attaching}, as EC2 does. */
    private ActionHandler.Execution attach(QueryRequest q) {
        String volumeId = q.requiredString("VolumeId");
        String instanceId = q.requiredString("InstanceId");
        String device = q.requiredString("Device");
        volumes.require(volumeId);
        instances.require(instanceId);
        return out -> VolumeXml.attachment(out, attachments.attach(volumeId, instanceId, device), "attaching");
    }

    /** VolumeId, and optionally InstanceId, Device (must be where it is attached) and Force. */
    private ActionHandler.Execution detach(QueryRequest q) {
        Volume v = volumes.require(q.requiredString("VolumeId"));
        Optional<String> instanceId = q.string("InstanceId");
        q.string("Device").filter(d -> !v.deviceName().equals(Optional.of(d))).ifPresent(d -> {
            throw new Ec2Exception(ErrorCode.INCORRECT_STATE, "Volume '" + v.volumeId() + "' is not attached at "
                    + d);
        });
        boolean force = q.bool("Force", false);
        return out -> VolumeXml.attachment(out, attachments.detach(v.volumeId(), instanceId, force), "detaching");
    }
}
