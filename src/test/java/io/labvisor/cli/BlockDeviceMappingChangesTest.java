package io.labvisor.cli;

import io.labvisor.ec2.Ec2Exception;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BlockDeviceMappingChangesTest {
    @Test
    void readsTheAwsCliJsonForm() {
        assertEquals(Map.of("/dev/sdf", true, "/dev/xvda", false), BlockDeviceMappingChanges.parse(
                "[{\"DeviceName\":\"/dev/sdf\",\"Ebs\":{\"DeleteOnTermination\":true}},"
                        + "{\"DeviceName\":\"/dev/xvda\",\"Ebs\":{\"DeleteOnTermination\":false}}]"));
    }

    @Test
    void refusesAnythingElse() {
        assertThrows(Ec2Exception.class, () -> BlockDeviceMappingChanges.parse("DeviceName=/dev/sdf"));
        assertThrows(Ec2Exception.class, () -> BlockDeviceMappingChanges.parse("[]"));
        assertThrows(Ec2Exception.class, () -> BlockDeviceMappingChanges.parse(
                "[{\"DeviceName\":\"/dev/sdf\",\"Ebs\":{\"DeleteOnTermination\":\"yes\"}}]"));
        assertThrows(Ec2Exception.class, () -> BlockDeviceMappingChanges.parse(
                "[{\"Ebs\":{\"DeleteOnTermination\":true}}]"));
    }
}
