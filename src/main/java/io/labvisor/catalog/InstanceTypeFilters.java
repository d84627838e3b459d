package io.labvisor.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The DescribeInstanceTypes filters labvisor supports. Each filter name reads its values from the AWS-shaped
 * entry, so filters see exactly what the API shows: bare-metal types have no hypervisor to match, and t2 has no
 * EBS-optimized figures to match.
 */
final class InstanceTypeFilters {

    /** Filter name to the path of its values in a DescribeInstanceTypes entry; arrays on the way fan out. */
    private static final Map<String, List<String>> PATHS = Map.ofEntries(
            Map.entry("instance-type", List.of("InstanceType")),
            Map.entry("current-generation", List.of("CurrentGeneration")),
            Map.entry("free-tier-eligible", List.of("FreeTierEligible")),
            Map.entry("bare-metal", List.of("BareMetal")),
            Map.entry("hypervisor", List.of("Hypervisor")),
            Map.entry("burstable-performance-supported", List.of("BurstablePerformanceSupported")),
            Map.entry("supported-usage-class", List.of("SupportedUsageClasses")),
            Map.entry("supported-root-device-type", List.of("SupportedRootDeviceTypes")),
            Map.entry("supported-virtualization-type", List.of("SupportedVirtualizationTypes")),
            Map.entry("supported-boot-mode", List.of("SupportedBootModes")),
            Map.entry("processor-info.supported-architecture", List.of("ProcessorInfo", "SupportedArchitectures")),
            Map.entry("processor-info.sustained-clock-speed-in-ghz", List.of("ProcessorInfo", "SustainedClockSpeedInGhz")),
            Map.entry("vcpu-info.default-vcpus", List.of("VCpuInfo", "DefaultVCpus")),
            Map.entry("vcpu-info.default-cores", List.of("VCpuInfo", "DefaultCores")),
            Map.entry("vcpu-info.default-threads-per-core", List.of("VCpuInfo", "DefaultThreadsPerCore")),
            Map.entry("memory-info.size-in-mib", List.of("MemoryInfo", "SizeInMiB")),
            Map.entry("instance-storage-supported", List.of("InstanceStorageSupported")),
            Map.entry("instance-storage-info.total-size-in-gb", List.of("InstanceStorageInfo", "TotalSizeInGB")),
            Map.entry("instance-storage-info.disk.count", List.of("InstanceStorageInfo", "Disks", "Count")),
            Map.entry("instance-storage-info.disk.size-in-gb", List.of("InstanceStorageInfo", "Disks", "SizeInGB")),
            Map.entry("instance-storage-info.disk.type", List.of("InstanceStorageInfo", "Disks", "Type")),
            Map.entry("instance-storage-info.nvme-support", List.of("InstanceStorageInfo", "NvmeSupport")),
            Map.entry("ebs-info.ebs-optimized-support", List.of("EbsInfo", "EbsOptimizedSupport")),
            Map.entry("ebs-info.encryption-support", List.of("EbsInfo", "EncryptionSupport")),
            Map.entry("ebs-info.nvme-support", List.of("EbsInfo", "NvmeSupport")),
            Map.entry("ebs-info.ebs-optimized-info.baseline-bandwidth-in-mbps", ebs("BaselineBandwidthInMbps")),
            Map.entry("ebs-info.ebs-optimized-info.baseline-throughput-in-mbps", ebs("BaselineThroughputInMBps")),
            Map.entry("ebs-info.ebs-optimized-info.baseline-iops", ebs("BaselineIops")),
            Map.entry("ebs-info.ebs-optimized-info.maximum-bandwidth-in-mbps", ebs("MaximumBandwidthInMbps")),
            Map.entry("ebs-info.ebs-optimized-info.maximum-throughput-in-mbps", ebs("MaximumThroughputInMBps")),
            Map.entry("ebs-info.ebs-optimized-info.maximum-iops", ebs("MaximumIops")),
            Map.entry("network-info.network-performance", List.of("NetworkInfo", "NetworkPerformance")),
            Map.entry("network-info.maximum-network-interfaces", List.of("NetworkInfo", "MaximumNetworkInterfaces")),
            Map.entry("network-info.maximum-network-cards", List.of("NetworkInfo", "MaximumNetworkCards")),
            Map.entry("network-info.ipv4-addresses-per-interface", List.of("NetworkInfo", "Ipv4AddressesPerInterface")),
            Map.entry("network-info.ipv6-addresses-per-interface", List.of("NetworkInfo", "Ipv6AddressesPerInterface")),
            Map.entry("network-info.ipv6-supported", List.of("NetworkInfo", "Ipv6Supported")),
            Map.entry("network-info.ena-support", List.of("NetworkInfo", "EnaSupport")));

    private InstanceTypeFilters() {
    }

    private static List<String> ebs(String key) {
        return List.of("EbsInfo", "EbsOptimizedInfo", key);
    }

    /**
     * A test for DescribeInstanceTypes entries that passes when every filter matches (AND); a filter matches
     * when any of the entry's values matches any of its values (OR).
     *
     * @throws Ec2Exception {@code InvalidParameterValue} for a filter name not listed above
     */
    static Predicate<JsonNode> compile(List<Filter> filters) {
        for (Filter filter : filters) {
            if (!PATHS.containsKey(filter.name())) {
                throw Ec2Exception.invalidParameter("The filter '" + filter.name() + "' is invalid");
            }
        }
        return entry -> filters.stream().allMatch(f -> f.matchesAny(values(entry, PATHS.get(f.name()))));
    }

    /** The values at a path, as EC2 compares them: text, numbers and booleans in their JSON spelling. */
    static List<String> values(JsonNode entry, List<String> path) {
        List<String> out = new ArrayList<>();
        collect(entry, path, 0, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> path, int depth, List<String> out) {
        if (node.isArray()) {
            node.forEach(element -> collect(element, path, depth, out));
        } else if (depth == path.size()) {
            if (node.isValueNode()) {
                out.add(node.asText());
            }
        } else {
            JsonNode child = node.path(path.get(depth));
            if (!child.isMissingNode() && !child.isNull()) {
                collect(child, path, depth + 1, out);
            }
        }
    }
}
