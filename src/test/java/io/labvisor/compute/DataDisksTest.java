package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import org.junit.jupiter.api.Test;

import io.labvisor.domain.DomainXml;
import io.labvisor.volume.Volume;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDisksTest {
    @Test
    void targetsFollowRootAndInstanceStore() {
        assertEquals("vdb", DataDisks.nextTarget(IoProfile.VIRTIO, false, List.of()));
        assertEquals("vdc", DataDisks.nextTarget(IoProfile.VIRTIO, true, List.of()), "vdb is the instance store");
        assertEquals("vdd", DataDisks.nextTarget(IoProfile.VIRTIO, false, List.of("vdb", "vdc")));
        assertEquals("vdb", DataDisks.nextTarget(IoProfile.VIRTIO, false, List.of("vdc")), "reuses a freed slot");
        assertEquals("sdc", DataDisks.nextTarget(IoProfile.EMULATED, true, List.of()));
    }

    /** A nitro data volume is the card's vhost-user export: no serial, no iotune (libvirt refuses both there). */
    @Test
    void aNitroDataVolumeIsAVhostUserDiskOnTheCardsSocket() {
        Volume v = new Volume("vol-0123456789abcdef0", 8, "gp3", "vol-0123456789abcdef0.qcow2", "/pool/v.qcow2",
                "in-use", Optional.empty(), Optional.of("i-0123456789abcdef0"), Optional.of("/dev/sdf"), false,
                Instant.EPOCH, Optional.of(3000), Optional.of(125), Optional.empty(), Optional.of("vdb"),
                Optional.of(Instant.EPOCH));
        String xml = DomainXml.writeDisk(DataDisks.cardDisk(v, "/run/labvisor/cards/i-0123456789abcdef0/"
                + "vol-0123456789abcdef0.sock"));
        assertTrue(xml.contains("type=\"vhostuser\"") && xml.contains("device=\"disk\""), xml);
        assertTrue(xml.contains("vol-0123456789abcdef0.sock"), xml);
        assertTrue(xml.contains("reconnect"), xml);
        assertTrue(xml.contains("ua-vol-0123456789abcdef0"), xml);
        assertTrue(xml.contains("vdb"), xml);
        assertFalse(xml.contains("iotune") || xml.contains("serial"), xml);
    }

    @Test
    void deviceNamesAreEc2s() {
        DataDisks.checkDeviceName("/dev/sdf");
        DataDisks.checkDeviceName("/dev/xvdp");
        assertThrows(Ec2Exception.class, () -> DataDisks.checkDeviceName("/dev/sda"));
        assertThrows(Ec2Exception.class, () -> DataDisks.checkDeviceName("sdf"));
        assertThrows(Ec2Exception.class, () -> DataDisks.checkDeviceName(null));
    }
}
