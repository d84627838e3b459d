package io.labvisor.api.actions;

import io.labvisor.api.query.Page;
import io.labvisor.api.query.Pager;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.VolumeXml;
import io.labvisor.api.xml.XmlNode;
import io.labvisor.compute.ImageCapture;
import io.labvisor.compute.InstanceService;
import io.labvisor.ec2.Account;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TaggedResource;
import io.labvisor.volume.Snapshot;
import io.labvisor.volume.SnapshotService;
import io.labvisor.volume.VolumeService;

import java.util.List;

/** CreateSnapshot, DescribeSnapshots, DeleteSnapshot and CreateImage over the services the CLI uses. */
final class SnapshotActions {
    private static final Pager DESCRIBE = new Pager("DescribeSnapshots", 5, 1000);

    private final SnapshotService snapshots;
    private final VolumeService volumes;
    private final ImageCapture capture;
    private final InstanceService instances;
    private final TagService tags;

    SnapshotActions(SnapshotService snapshots, VolumeService volumes, ImageCapture capture, InstanceService instances,
                    TagService tags) {
        this.snapshots = snapshots;
        this.volumes = volumes;
        this.capture = capture;
        this.instances = instances;
        this.tags = tags;
    }

    List<ActionHandler> handlers() {
        return List.of(new NamedAction("CreateSnapshot", this::create),
                new NamedAction("DescribeSnapshots", this::describe),
                new NamedAction("DeleteSnapshot", this::delete),
                new NamedAction("CreateImage", this::createImage));
    }

    /** VolumeId, TagSpecification.N; labvisor keeps no snapshot description, so one is refused, not dropped. */
    private ActionHandler.Execution create(QueryRequest q) {
        String volumeId = q.requiredString("VolumeId");
        q.string("Description").filter(d -> !d.isEmpty()).ifPresent(d -> {
            throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "labvisor does not keep snapshot descriptions");
        });
        List<Tag> snapshotTags = ApiTags.forOnly(q, TaggedResource.SNAPSHOT);
        volumes.require(volumeId);
        return out -> {
            Snapshot s = snapshots.create(volumeId, snapshotTags);
            VolumeXml.snapshot(out, s, tags.of(s.snapshotId()));
        };
    }

    /** SnapshotId.N, Owner.N (self or the lab's account), RestorableBy.N, Filter.N, MaxResults, NextToken. */
    private ActionHandler.Execution describe(QueryRequest q) {
        List<String> ids = q.list("SnapshotId");
        List<String> owners = q.list("Owner");
        q.list("RestorableBy"); // every snapshot here is restorable by its one account
        var filters = q.filters();
        Pager.Request paging = Paged.read(DESCRIBE, q, ids, "SnapshotId");
        List<Snapshot> found = snapshots.describe(ids, filters);
        boolean ours = owners.isEmpty() || owners.contains("self") || owners.contains(Account.OWNER_ID);
        Page<Snapshot> page = paging.page(ours ? found : List.of());
        return out -> {
            XmlNode set = out.child("snapshotSet");
            page.items().forEach(s -> VolumeXml.snapshot(set.item(), s, tags.of(s.snapshotId())));
            page.nextToken().ifPresent(t -> out.text("nextToken", t));
        };
    }

    private ActionHandler.Execution delete(QueryRequest q) {
        String id = q.requiredString("SnapshotId");
        snapshots.describe(List.of(id));
        return out -> {
            snapshots.delete(id);
            out.text("return", true);
        };
    }

    /** InstanceId, Name, Description; NoReboot is accepted (the instance must be stopped anyway). */
    private ActionHandler.Execution createImage(QueryRequest q) {
        String instanceId = q.requiredString("InstanceId");
        String name = q.requiredString("Name");
        var description = q.string("Description");
        q.bool("NoReboot", false);
        instances.require(instanceId);
        return out -> out.text("imageId", capture.capture(instanceId, name, description).imageId());
    }
}
