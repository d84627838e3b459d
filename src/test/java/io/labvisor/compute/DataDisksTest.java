package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DataDisksTest {
    @Test
    void targetsFollowRootAndInstanceStore() {
        assertEquals("vdb", DataDisks.nextTarget(IoProfile.VIRTIO, false, List.of()));
        assertEquals("vdc", DataDisks.nextTarget(IoProfile.VIRTIO, true, List.of()), "vdb is the instance store");
        assertEquals("vdd", DataDisks.nextTarget(IoProfile.VIRTIO, false, List.of("vdb", "vdc")));
        assertEquals("vdb", DataDisks.nextTarget(IoProfile.VIRTIO, false, List.of("vdc")), "reuses a freed slot");
        assertEquals("sdc", DataDisks.nextTarget(IoProfile.EMULATED, true, List.of()));
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
