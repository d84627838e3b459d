package io.labvisor.api.xml;

import io.labvisor.tag.Tag;
import io.labvisor.volume.Snapshot;
import io.labvisor.volume.Volume;
import io.labvisor.operation.volume.VolumeOperations;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Element names and nesting of DescribeVolumes, AttachVolume and DescribeSnapshots as in EC2's API reference. */
class VolumeXmlTest {
    private static final Instant CREATED = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant ATTACHED = Instant.parse("2025-03-01T09:30:00.5Z");

    static Volume attachedGp3() {
        return new Volume("vol-0aaaaaaaaaaaaaaaa", 8, "gp3", "vol-0aaaaaaaaaaaaaaaa.qcow2", "/pool/v.qcow2", "in-use",
                Optional.empty(), Optional.of("i-0123456789abcdef0"), Optional.of("/dev/sdf"), false, CREATED,
                Optional.of(4000), Optional.of(250), Optional.of("snap-0bbbbbbbbbbbbbbbb"), Optional.of("vdb"),
                Optional.of(ATTACHED));
    }

    @Test
    void describeVolumesItemHasAttachmentSetTagSetAndPerformance() {
        XmlNode r = Ec2Xml.response("DescribeVolumes", "req-1");
        XmlNode set = r.child("volumeSet");
        XmlRenderer.write(set.item(), VolumeOperations.volume(attachedGp3(), List.of(new Tag("Name", "data <1>"))));
        r.text("nextToken", "abc");
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeVolumesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-1</requestId>
                  <volumeSet>
                    <item>
                      <volumeId>vol-0aaaaaaaaaaaaaaaa</volumeId>
                      <size>8</size>
                      <snapshotId>snap-0bbbbbbbbbbbbbbbb</snapshotId>
                      <availabilityZone>lab-1a</availabilityZone>
                      <status>in-use</status>
                      <createTime>2025-03-01T09:00:00.000Z</createTime>
                      <attachmentSet>
                        <item>
                          <volumeId>vol-0aaaaaaaaaaaaaaaa</volumeId>
                          <instanceId>i-0123456789abcdef0</instanceId>
                          <device>/dev/sdf</device>
                          <status>attached</status>
                          <attachTime>2025-03-01T09:30:00.500Z</attachTime>
                          <deleteOnTermination>false</deleteOnTermination>
                        </item>
                      </attachmentSet>
                      <tagSet>
                        <item>
                          <key>Name</key>
                          <value>data &lt;1&gt;</value>
                        </item>
                      </tagSet>
                      <volumeType>gp3</volumeType>
                      <iops>4000</iops>
                      <throughput>250</throughput>
                      <encrypted>false</encrypted>
                      <multiAttachEnabled>false</multiAttachEnabled>
                    </item>
                  </volumeSet>
                  <nextToken>abc</nextToken>
                </DescribeVolumesResponse>
                """, Ec2Xml.serialize(r));
    }

    @Test
    void attachVolumeAnswersTheAttachmentAtTopLevel() {
        XmlNode r = Ec2Xml.response("AttachVolume", "req-2");
        XmlRenderer.write(r, VolumeOperations.attachment(attachedGp3(), "attaching"));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <AttachVolumeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-2</requestId>
                  <volumeId>vol-0aaaaaaaaaaaaaaaa</volumeId>
                  <instanceId>i-0123456789abcdef0</instanceId>
                  <device>/dev/sdf</device>
                  <status>attaching</status>
                  <attachTime>2025-03-01T09:30:00.500Z</attachTime>
                  <deleteOnTermination>false</deleteOnTermination>
                </AttachVolumeResponse>
                """, Ec2Xml.serialize(r));
    }

    @Test
    void anAvailableVolumeWithoutTagsHasAnEmptyAttachmentSetAndNoTagSet() {
        Volume v = attachedGp3();
        Volume available = new Volume(v.volumeId(), 4, "io1", v.poolVolume(), v.path(), "available", Optional.empty(),
                Optional.empty(), Optional.empty(), false, CREATED, Optional.of(200), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        XmlNode r = Ec2Xml.response("CreateVolume", "req-3");
        XmlRenderer.write(r, VolumeOperations.volume(available, List.of()));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <CreateVolumeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-3</requestId>
                  <volumeId>vol-0aaaaaaaaaaaaaaaa</volumeId>
                  <size>4</size>
                  <snapshotId/>
                  <availabilityZone>lab-1a</availabilityZone>
                  <status>available</status>
                  <createTime>2025-03-01T09:00:00.000Z</createTime>
                  <attachmentSet/>
                  <volumeType>io1</volumeType>
                  <iops>200</iops>
                  <encrypted>false</encrypted>
                  <multiAttachEnabled>false</multiAttachEnabled>
                </CreateVolumeResponse>
                """, Ec2Xml.serialize(r));
    }

    @Test
    void describeSnapshotsItem() {
        XmlNode r = Ec2Xml.response("DescribeSnapshots", "req-4");
        XmlRenderer.write(r.child("snapshotSet").item(), VolumeOperations.snapshot(new Snapshot("snap-0bbbbbbbbbbbbbbbb",
                "vol-0aaaaaaaaaaaaaaaa", 8, "s.qcow2", "/pool/s.qcow2", "completed", CREATED), List.of()));
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req-4</requestId>
                  <snapshotSet>
                    <item>
                      <snapshotId>snap-0bbbbbbbbbbbbbbbb</snapshotId>
                      <volumeId>vol-0aaaaaaaaaaaaaaaa</volumeId>
                      <status>completed</status>
                      <startTime>2025-03-01T09:00:00.000Z</startTime>
                      <progress>100%</progress>
                      <ownerId>000000000000</ownerId>
                      <volumeSize>8</volumeSize>
                      <description/>
                      <encrypted>false</encrypted>
                    </item>
                  </snapshotSet>
                </DescribeSnapshotsResponse>
                """, Ec2Xml.serialize(r));
    }
}
