package io.labvisor.cli;

import io.labvisor.compute.BlockDeviceMapping;
import io.labvisor.ec2.Ec2Exception;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BlockDeviceMappingArgumentsTest {
    private static final BlockDeviceMapping ROOT = BlockDeviceMapping.ebs("/dev/xvda",
            BlockDeviceMapping.Ebs.of(2, null, null));
    private static final BlockDeviceMapping DATA = BlockDeviceMapping.ebs("/dev/sdf",
            new BlockDeviceMapping.Ebs(Optional.of(1), Optional.of("gp3"), Optional.of(3000), Optional.of(125),
                    Optional.of(false), Optional.empty()));

    @Test
    void shorthandOneMappingPerArgument() {
        assertEquals(List.of(ROOT, DATA), BlockDeviceMappingArguments.parse(List.of(
                "DeviceName=/dev/xvda,Ebs={VolumeSize=2}",
                "DeviceName=/dev/sdf,Ebs={VolumeSize=1,VolumeType=gp3,Iops=3000,Throughput=125,"
                        + "DeleteOnTermination=false}")));
        assertEquals(List.of(new BlockDeviceMapping("/dev/sdb", Optional.empty(), Optional.of("ephemeral0"), false),
                        new BlockDeviceMapping("/dev/sdc", Optional.empty(), Optional.empty(), true)),
                BlockDeviceMappingArguments.parse(List.of("DeviceName=/dev/sdb,VirtualName=ephemeral0",
                        "DeviceName=/dev/sdc,NoDevice=")));
    }

    @Test
    void jsonAsTheAwsCliTakesIt() {
        assertEquals(List.of(ROOT, DATA), BlockDeviceMappingArguments.parse(List.of(
                "[{\"DeviceName\":\"/dev/xvda\",\"Ebs\":{\"VolumeSize\":2}},"
                        + "{\"DeviceName\":\"/dev/sdf\",\"Ebs\":{\"VolumeSize\":1,\"VolumeType\":\"gp3\","
                        + "\"Iops\":3000,\"Throughput\":125,\"DeleteOnTermination\":false}}]")));
        assertEquals(List.of(new BlockDeviceMapping("/dev/sdc", Optional.empty(), Optional.empty(), true)),
                BlockDeviceMappingArguments.parse(List.of("[{\"DeviceName\":\"/dev/sdc\",\"NoDevice\":\"\"}]")));
    }

    @Test
    void malformedAndUnknownAreRefused() {
        for (String bad : List.of("DeviceName=/dev/sdf,Ebs={VolumeSize=1", "DeviceName", "[{\"DeviceName\":",
                "DeviceName=/dev/sdf,Ebs={Size=1}", "DeviceName=/dev/sdf,Colour=red",
                "DeviceName=/dev/sdf,Ebs={VolumeSize=big}", "DeviceName=/dev/sdf,Ebs={DeleteOnTermination=maybe}",
                "DeviceName=/dev/sdf,Ebs={VolumeSize=1,Encrypted=true}")) {
            assertThrows(Ec2Exception.class, () -> BlockDeviceMappingArguments.parse(List.of(bad)), bad);
        }
    }
}
