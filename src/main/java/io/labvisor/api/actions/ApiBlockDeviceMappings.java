package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.compute.BlockDeviceMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RunInstances' {@code BlockDeviceMapping.N.DeviceName}, {@code .VirtualName}, {@code .NoDevice} and
 * {@code .Ebs.VolumeSize|VolumeType|Iops|Throughput|DeleteOnTermination|SnapshotId|Encrypted}; any other
 * {@code BlockDeviceMapping.N.*} stays unread and is refused as an unknown parameter.
 */
final class ApiBlockDeviceMappings {
    private ApiBlockDeviceMappings() {
    }

    static List<BlockDeviceMapping> of(QueryRequest q) {
        List<BlockDeviceMapping> out = new ArrayList<>();
        for (int n : q.indexes("BlockDeviceMapping")) {
            String p = "BlockDeviceMapping." + n;
            String e = p + ".Ebs.";
            Optional<BlockDeviceMapping.Ebs> ebs = Optional.empty();
            Optional<Integer> size = q.integer(e + "VolumeSize");
            Optional<String> type = q.string(e + "VolumeType");
            Optional<Integer> iops = q.integer(e + "Iops");
            Optional<Integer> throughput = q.integer(e + "Throughput");
            Optional<Boolean> dot = q.string(e + "DeleteOnTermination").map(v -> q.bool(e + "DeleteOnTermination",
                    false));
            Optional<String> snapshot = q.string(e + "SnapshotId");
            boolean encrypted = q.bool(e + "Encrypted", false);
            if (encrypted) {
                throw io.labvisor.ec2.Ec2Exception.invalidParameter("Encrypted EBS volumes are not supported by "
                        + "labvisor");
            }
            boolean anyEbs = size.isPresent() || type.isPresent() || iops.isPresent() || throughput.isPresent()
                    || dot.isPresent() || snapshot.isPresent() || q.string(e + "Encrypted").isPresent();
            if (anyEbs) {
                ebs = Optional.of(new BlockDeviceMapping.Ebs(size, type, iops, throughput, dot, snapshot));
            }
            out.add(new BlockDeviceMapping(q.string(p + ".DeviceName").orElse(null), ebs,
                    q.string(p + ".VirtualName"), q.string(p + ".NoDevice").isPresent()));
        }
        return out;
    }
}
