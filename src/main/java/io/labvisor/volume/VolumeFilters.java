package io.labvisor.volume;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;

import java.util.List;
import java.util.Optional;

/** DescribeVolumes filters. */
public final class VolumeFilters {
    private VolumeFilters() {
    }

    public static boolean matches(Volume v, List<Filter> filters) {
        return filters.stream().allMatch(f -> f.matchesAny(values(v, f.name())));
    }

    private static List<String> values(Volume v, String name) {
        return switch (name) {
            case "volume-id" -> List.of(v.volumeId());
            case "status" -> List.of(v.state());
            case "volume-type" -> List.of(v.volumeType());
            case "size" -> List.of(Integer.toString(v.sizeGib()));
            case "availability-zone" -> List.of(io.labvisor.ec2.Placement.AVAILABILITY_ZONE);
            case "snapshot-id" -> v.snapshotId().map(List::of).orElse(List.of());
            case "attachment.instance-id" -> opt(v.instanceId());
            case "attachment.device" -> opt(v.deviceName());
            case "attachment.status" -> v.instanceId().isPresent() ? List.of("attached") : List.of();
            case "attachment.delete-on-termination" -> v.instanceId().isPresent()
                    ? List.of(Boolean.toString(v.deleteOnTermination())) : List.of();
            default -> throw new Ec2Exception(ErrorCode.INVALID_FILTER, "The filter '" + name + "' is invalid");
        };
    }

    private static List<String> opt(Optional<String> value) {
        return value.map(List::of).orElse(List.of());
    }
}
