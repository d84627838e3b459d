package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.Image;
import io.labvisor.virt.fake.FakeCall;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AttachVolume and DetachVolume on the fake host: the running guest's disks follow the volume rows. */
class VolumeAttachmentsTest {
    @TempDir
    Path dir;
    private FakeCompute compute;
    private Image ami;

    @BeforeEach
    void setUp() {
        compute = new FakeCompute(dir);
        ami = compute.ami();
    }

    @AfterEach
    void tearDown() {
        compute.close();
    }

    @Test
    void aVolumeIsHotPluggedAndUnplugged() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        Volume v = compute.volumeService.create(new VolumeService.CreateRequest(1, "gp2", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));

        compute.attachments.attach(v.volumeId(), id, "/dev/sdf");
        assertTrue(compute.host.domains().xml(id).orElseThrow().contains(v.path()), "in the running guest");
        assertEquals(Optional.of(id), compute.volumes.find(v.volumeId()).orElseThrow().instanceId());

        compute.attachments.detach(v.volumeId(), Optional.of(id), false);
        assertFalse(compute.host.domains().xml(id).orElseThrow().contains(v.path()), "gone from the guest");
        assertEquals("available", compute.volumes.find(v.volumeId()).orElseThrow().state());
    }

    @Test
    void anAttachLibvirtRefusesLeavesTheVolumeAvailable() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        Volume v = compute.volumeService.create(new VolumeService.CreateRequest(1, "gp2", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
        compute.host.failNext(FakeCall.DOMAIN_ATTACH_DEVICE);

        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> compute.attachments.attach(v.volumeId(), id, "/dev/sdf"));

        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        Volume row = compute.volumes.find(v.volumeId()).orElseThrow();
        assertEquals("available", row.state());
        assertEquals(Optional.empty(), row.instanceId());
        assertEquals(List.of(id), compute.host.domains().names());
        assertFalse(compute.host.domains().xml(id).orElseThrow().contains(v.path()));
    }
}
