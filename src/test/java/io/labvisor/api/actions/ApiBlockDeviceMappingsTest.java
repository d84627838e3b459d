package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.compute.BlockDeviceMapping;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiBlockDeviceMappingsTest {
    @Test
    void readsEveryMappingInIndexOrder() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("BlockDeviceMapping.2.DeviceName", "/dev/sdf");
        p.put("BlockDeviceMapping.2.Ebs.VolumeSize", "1");
        p.put("BlockDeviceMapping.2.Ebs.VolumeType", "io1");
        p.put("BlockDeviceMapping.2.Ebs.Iops", "100");
        p.put("BlockDeviceMapping.2.Ebs.DeleteOnTermination", "false");
        p.put("BlockDeviceMapping.2.Ebs.SnapshotId", "snap-0123456789abcdef0");
        p.put("BlockDeviceMapping.1.DeviceName", "/dev/xvda");
        p.put("BlockDeviceMapping.1.Ebs.VolumeSize", "2");
        p.put("BlockDeviceMapping.1.Ebs.Throughput", "200");
        p.put("BlockDeviceMapping.3.DeviceName", "/dev/sdb");
        p.put("BlockDeviceMapping.3.VirtualName", "ephemeral0");
        p.put("BlockDeviceMapping.4.DeviceName", "/dev/sdc");
        p.put("BlockDeviceMapping.4.NoDevice", "");
        QueryRequest q = QueryRequest.of(p);
        assertEquals(List.of(
                BlockDeviceMapping.ebs("/dev/xvda", new BlockDeviceMapping.Ebs(Optional.of(2), Optional.empty(),
                        Optional.empty(), Optional.of(200), Optional.empty(), Optional.empty())),
                BlockDeviceMapping.ebs("/dev/sdf", new BlockDeviceMapping.Ebs(Optional.of(1), Optional.of("io1"),
                        Optional.of(100), Optional.empty(), Optional.of(false),
                        Optional.of("snap-0123456789abcdef0"))),
                new BlockDeviceMapping("/dev/sdb", Optional.empty(), Optional.of("ephemeral0"), false),
                new BlockDeviceMapping("/dev/sdc", Optional.empty(), Optional.empty(), true)),
                ApiBlockDeviceMappings.of(q));
        assertEquals(List.of(), q.unread(), "every parameter read");
    }

    @Test
    void unknownFieldsStayUnreadAndBadValuesAreRefused() {
        QueryRequest q = QueryRequest.of(Map.of("BlockDeviceMapping.1.DeviceName", "/dev/sdf",
                "BlockDeviceMapping.1.Ebs.KmsKeyId", "k"));
        ApiBlockDeviceMappings.of(q);
        assertEquals(List.of("BlockDeviceMapping.1.Ebs.KmsKeyId"), q.unread());
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> ApiBlockDeviceMappings.of(QueryRequest.of(Map.of(
                "BlockDeviceMapping.1.DeviceName", "/dev/sdf", "BlockDeviceMapping.1.Ebs.VolumeSize", "big"))));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, e.code());
        assertThrows(Ec2Exception.class, () -> ApiBlockDeviceMappings.of(QueryRequest.of(Map.of(
                "BlockDeviceMapping.1.DeviceName", "/dev/sdf", "BlockDeviceMapping.1.Ebs.DeleteOnTermination",
                "yes"))));
    }
}
