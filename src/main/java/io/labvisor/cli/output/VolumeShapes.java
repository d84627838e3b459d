package io.labvisor.cli.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.ec2.Placement;
import io.labvisor.volume.Snapshot;
import io.labvisor.volume.Volume;

/** The AWS CLI's shapes of volumes, attachments and snapshots. */
public final class VolumeShapes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private VolumeShapes() {
    }

    public static ObjectNode volume(Volume v) {
        ObjectNode n = F.objectNode();
        ArrayNode attachments = n.putArray("Attachments");
        if (v.instanceId().isPresent()) {
            attachments.add(attachment(v, "attached"));
        }
        n.put("AvailabilityZone", Placement.AVAILABILITY_ZONE);
        n.put("CreateTime", Shapes.time(v.createTime()));
        n.put("Encrypted", false);
        n.put("Size", v.sizeGib());
        n.put("SnapshotId", v.snapshotId().orElse(""));
        n.put("State", v.state());
        n.put("VolumeId", v.volumeId());
        if (v.isRoot()) {
            n.put("VolumeType", v.volumeType());
        } else {
            var p = v.performance();
            n.put("Iops", p.iops());
            n.put("VolumeType", v.volumeType());
            if (v.volumeType().equals("gp3")) {
                n.put("Throughput", p.throughputMiBps());
            }
        }
        n.put("MultiAttachEnabled", false);
        return n;
    }

    /** One attachment ({@code state}: attaching, attached, detaching, detached), as Attach/DetachVolume return. */
    public static ObjectNode attachment(Volume v, String state) {
        ObjectNode a = F.objectNode();
        v.attachTime().ifPresent(t -> a.put("AttachTime", Shapes.time(t)));
        a.put("Device", v.deviceName().orElse(""));
        a.put("InstanceId", v.instanceId().orElse(""));
        a.put("State", state);
        a.put("VolumeId", v.volumeId());
        a.put("DeleteOnTermination", v.deleteOnTermination());
        return a;
    }

    public static ObjectNode snapshot(Snapshot s) {
        ObjectNode n = F.objectNode();
        n.put("Description", "");
        n.put("Encrypted", false);
        n.put("OwnerId", Shapes.OWNER_ID);
        n.put("Progress", "100%");
        n.put("SnapshotId", s.snapshotId());
        n.put("StartTime", Shapes.time(s.startTime()));
        n.put("State", s.state());
        n.put("VolumeId", s.volumeId());
        n.put("VolumeSize", s.sizeGib());
        return n;
    }
}
