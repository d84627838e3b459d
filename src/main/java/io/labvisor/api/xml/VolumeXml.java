package io.labvisor.api.xml;

import io.labvisor.ec2.Account;
import io.labvisor.ec2.Placement;
import io.labvisor.tag.Tag;
import io.labvisor.volume.Snapshot;
import io.labvisor.volume.Volume;

import java.util.List;

/** Volumes, attachments and snapshots in EC2's XML ({@code volumeSet}, {@code attachmentSet}, {@code snapshotSet}). */
public final class VolumeXml {
    private VolumeXml() {
    }

    /** One volume's elements: DescribeVolumes' {@code volumeSet/item}, or CreateVolume's whole body. */
    public static void volume(XmlNode n, Volume v, List<Tag> tags) {
        n.text("volumeId", v.volumeId()).text("size", v.sizeGib()).text("snapshotId", v.snapshotId().orElse(""))
                .text("availabilityZone", Placement.AVAILABILITY_ZONE).text("status", v.state())
                .text("createTime", v.createTime());
        XmlNode attachments = n.child("attachmentSet");
        if (v.instanceId().isPresent()) {
            attachment(attachments.item(), v, "attached");
        }
        TagXml.tagSet(n, tags);
        n.text("volumeType", v.volumeType());
        if (!v.isRoot()) {
            var p = v.performance();
            n.text("iops", p.iops());
            if (v.volumeType().equals("gp3")) {
                n.text("throughput", p.throughputMiBps());
            }
        }
        n.text("encrypted", false).text("multiAttachEnabled", false);
    }

    /** One attachment ({@code status}: attaching, attached, detaching, detached); AttachVolume's whole body. */
    public static void attachment(XmlNode n, Volume v, String status) {
        n.text("volumeId", v.volumeId()).text("instanceId", v.instanceId().orElse(""))
                .text("device", v.deviceName().orElse("")).text("status", status);
        v.attachTime().ifPresent(t -> n.text("attachTime", t));
        n.text("deleteOnTermination", v.deleteOnTermination());
    }

    /** One snapshot's elements: DescribeSnapshots' {@code snapshotSet/item}, or CreateSnapshot's whole body. */
    public static void snapshot(XmlNode n, Snapshot s, List<Tag> tags) {
        n.text("snapshotId", s.snapshotId()).text("volumeId", s.volumeId()).text("status", s.state())
                .text("startTime", s.startTime()).text("progress", "100%").text("ownerId", Account.OWNER_ID)
                .text("volumeSize", s.sizeGib()).text("description", "").text("encrypted", false);
        TagXml.tagSet(n, tags);
    }
}
