package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.AmiManifest;
import io.labvisor.image.BootMode;
import io.labvisor.image.Image;
import io.labvisor.volume.EbsLimits;
import io.labvisor.volume.VolumeService.CreateRequest;
import io.labvisor.volume.VolumeType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchVolumesTest {
    /** An AMI whose root (/dev/xvda) is 2 GiB gp2, deleted on termination. */
    private static final Image AMI = new Image("ami-0123456789abcdef0", "tiny", "", "x86_64", BootMode.DIRECT_KERNEL,
            "console=ttyS0", "/dev/xvda", Optional.of("k"), Optional.of("r"), "root", 2,
            List.of(new AmiManifest.BlockDeviceMapping("/dev/xvda", new AmiManifest.Ebs(2, "gp2", true))), "0",
            Image.ImageState.AVAILABLE, Instant.EPOCH);

    /** CreateVolume's checks of size, type and performance (the snapshot lookup needs a database). */
    private static final Consumer<CreateRequest> CHECK = r -> EbsLimits.resolve(
            VolumeType.parse(r.volumeType() == null ? "gp2" : r.volumeType()), r.sizeGib(), r.iops(), r.throughput());

    private static BlockDeviceMapping ebs(String device, Integer size, String type, Boolean dot) {
        return BlockDeviceMapping.ebs(device, BlockDeviceMapping.Ebs.of(size, type, dot));
    }

    @Test
    void withoutMappingsTheRootIsTheAmis() {
        LaunchVolumes.Plan plan = LaunchVolumes.defaults(AMI);
        assertEquals(new LaunchVolumes.Root(2, VolumeType.GP2, Optional.empty(), Optional.empty(), true), plan.root());
        assertTrue(plan.data().isEmpty());
    }

    @Test
    void rootMappingOverridesSizeTypePerformanceAndDeleteOnTermination() {
        LaunchVolumes.Plan plan = LaunchVolumes.resolve(AMI, List.of(BlockDeviceMapping.ebs("/dev/xvda",
                new BlockDeviceMapping.Ebs(Optional.of(8), Optional.of("gp3"), Optional.of(4000), Optional.of(250),
                        Optional.of(false), Optional.empty()))), CHECK);
        assertEquals(new LaunchVolumes.Root(8, VolumeType.GP3, Optional.of(4000), Optional.of(250), false),
                plan.root());
        LaunchVolumes.Root sizeOnly = LaunchVolumes.resolve(AMI, List.of(ebs("/dev/xvda", 4, null, null)), CHECK)
                .root();
        assertEquals(new LaunchVolumes.Root(4, VolumeType.GP2, Optional.empty(), Optional.empty(), true), sizeOnly);
    }

    @Test
    void otherDevicesAreNewDataVolumesDeletedOnTerminationByDefault() {
        List<CreateRequest> checked = new ArrayList<>();
        LaunchVolumes.Plan plan = LaunchVolumes.resolve(AMI, List.of(ebs("/dev/sdf", 1, "gp3", false),
                ebs("/dev/sdg", 5, null, null),
                new BlockDeviceMapping("/dev/sdb", Optional.empty(), Optional.of("ephemeral0"), false),
                new BlockDeviceMapping("/dev/sdc", Optional.empty(), Optional.empty(), true)),
                checked::add);
        assertEquals(2, plan.data().size(), "ephemeral and NoDevice mappings create nothing");
        assertEquals("/dev/sdf", plan.data().get(0).deviceName());
        assertEquals(1, plan.data().get(0).request().sizeGib());
        assertEquals("gp3", plan.data().get(0).request().volumeType());
        assertFalse(plan.data().get(0).deleteOnTermination());
        assertTrue(plan.data().get(1).deleteOnTermination());
        assertEquals(2, checked.size(), "each data volume went through CreateVolume's checks");
    }

    @Test
    void refusals() {
        assertCode(ErrorCode.INVALID_BLOCK_DEVICE_MAPPING, List.of(ebs("/dev/xvda", 1, null, null)));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, List.of(ebs("/dev/xvda", 4, "gp9", null)));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, List.of(ebs("/dev/sdf", 1, "gp9", null)));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, List.of(ebs("/dev/sdf", 0, "gp3", null)));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, List.of(ebs("/dev/sdf", 10, "st1", null)));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, List.of(ebs("/dev/hda", 1, "gp3", null)));
        assertCode(ErrorCode.INVALID_BLOCK_DEVICE_MAPPING, List.of(ebs("/dev/sdf", 1, null, null),
                ebs("/dev/sdf", 2, null, null)));
        assertCode(ErrorCode.INVALID_BLOCK_DEVICE_MAPPING, List.of(new BlockDeviceMapping("/dev/xvda",
                Optional.empty(), Optional.empty(), true)));
        assertCode(ErrorCode.INVALID_BLOCK_DEVICE_MAPPING, List.of(BlockDeviceMapping.ebs("/dev/xvda",
                new BlockDeviceMapping.Ebs(Optional.of(4), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of("snap-0123456789abcdef0")))));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, List.of(new BlockDeviceMapping("/dev/sdb", Optional.empty(),
                Optional.of("scratch"), false)));
        assertCode(ErrorCode.INVALID_BLOCK_DEVICE_MAPPING, List.of(new BlockDeviceMapping("/dev/sdb", Optional.empty(),
                Optional.of("ephemeral0"), true)));
        assertCode(ErrorCode.MISSING_PARAMETER, List.of(ebs(null, 1, null, null)));
        assertCode(ErrorCode.INVALID_PARAMETER_COMBINATION, List.of(BlockDeviceMapping.ebs("/dev/xvda",
                new BlockDeviceMapping.Ebs(Optional.of(4), Optional.of("gp2"), Optional.of(3000), Optional.empty(),
                        Optional.empty(), Optional.empty()))));
    }

    private static void assertCode(ErrorCode code, List<BlockDeviceMapping> mappings) {
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> LaunchVolumes.resolve(AMI, mappings, CHECK));
        assertEquals(code, e.code(), e.getMessage());
    }
}
