package io.labvisor.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks the instance type data: a JSON array of DescribeInstanceTypes entries. Bad data is a
 * packaging bug, not a user error, so it fails with {@link IllegalStateException} naming the entry.
 */
final class InstanceTypeReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** AWS quotes EBS IOPS for 16 KiB I/Os. */
    private static final int IOPS_IO_BYTES = 16 * 1024;

    private InstanceTypeReader() {
    }

    static List<InstanceType> read(InputStream in) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("instance type data is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalStateException("instance type data must be a JSON array of DescribeInstanceTypes entries");
        }
        List<InstanceType> types = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String label = entry.path("InstanceType").isTextual() ? "'" + entry.get("InstanceType").asText() + "'" : "#" + i;
            InstanceType type;
            try {
                type = parse(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("instance type " + label + ": " + e.getMessage(), e);
            }
            if (!names.add(type.name())) {
                throw new IllegalStateException("instance type " + label + ": listed more than once");
            }
            types.add(type);
        }
        return types;
    }

    private static InstanceType parse(JsonNode entry) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("entry is not a JSON object");
        }
        String name = text(entry, "InstanceType");
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1 || name.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("name is not <family>.<size>");
        }
        String family = name.substring(0, dot);
        String size = name.substring(dot + 1);
        InstanceTypeOrder.sizeRank(size); // rejects sizes we could not sort

        int vcpus = positiveInt(entry, "VCpuInfo", "DefaultVCpus");
        int cores = positiveInt(entry, "VCpuInfo", "DefaultCores");
        int threads = positiveInt(entry, "VCpuInfo", "DefaultThreadsPerCore");
        if (cores * threads != vcpus) {
            throw new IllegalArgumentException("DefaultVCpus " + vcpus + " is not DefaultCores x DefaultThreadsPerCore");
        }
        int memoryMiB = positiveInt(entry, "MemoryInfo", "SizeInMiB");

        boolean bareMetal = bool(entry, "BareMetal");
        Hypervisor hypervisor;
        if (entry.has("Hypervisor")) {
            String value = text(entry, "Hypervisor");
            hypervisor = Hypervisor.fromAws(value)
                    .orElseThrow(() -> new IllegalArgumentException("unknown Hypervisor '" + value + "'"));
        } else if (bareMetal) {
            hypervisor = Hypervisor.NITRO; // AWS leaves Hypervisor out for metal
        } else {
            throw new IllegalArgumentException("missing Hypervisor");
        }

        List<String> architectures = new ArrayList<>();
        for (JsonNode arch : field(entry, "ProcessorInfo", "SupportedArchitectures")) {
            architectures.add(arch.asText());
        }
        if (architectures.isEmpty()) {
            throw new IllegalArgumentException("no ProcessorInfo.SupportedArchitectures");
        }

        JsonNode card = networkCardZero(entry);
        double baselineGbps = positiveNumber(card, "BaselineBandwidthInGbps");
        double peakGbps = positiveNumber(card, "PeakBandwidthInGbps");

        boolean ebsOptimized = entry.path("EbsInfo").has("EbsOptimizedInfo");
        int[] ebsMbpsIops;
        double[] ebsMBps;
        if (ebsOptimized) {
            ebsMbpsIops = new int[] {
                positiveInt(entry, "EbsInfo", "EbsOptimizedInfo", "BaselineBandwidthInMbps"),
                positiveInt(entry, "EbsInfo", "EbsOptimizedInfo", "MaximumBandwidthInMbps"),
                positiveInt(entry, "EbsInfo", "EbsOptimizedInfo", "BaselineIops"),
                positiveInt(entry, "EbsInfo", "EbsOptimizedInfo", "MaximumIops")};
            ebsMBps = new double[] {
                positiveNumber(entry, "EbsInfo", "EbsOptimizedInfo", "BaselineThroughputInMBps"),
                positiveNumber(entry, "EbsInfo", "EbsOptimizedInfo", "MaximumThroughputInMBps")};
        } else {
            // AWS publishes no EBS figures for types that are not EBS-optimized (t2): their EBS traffic shares
            // the network link. Assume exactly the network's baseline and peak, in AWS's own units.
            int baseMbps = (int) Math.round(baselineGbps * 1000);
            int maxMbps = (int) Math.round(peakGbps * 1000);
            ebsMbpsIops = new int[] {baseMbps, maxMbps, iopsAt(baseMbps), iopsAt(maxMbps)};
            ebsMBps = new double[] {baseMbps / 8.0, maxMbps / 8.0};
        }

        int storeGb = 0;
        InstanceType.InstanceStoreDisks disks = InstanceType.InstanceStoreDisks.NONE;
        if (bool(entry, "InstanceStorageSupported")) {
            JsonNode groups = field(entry, "InstanceStorageInfo", "Disks");
            if (groups.size() != 1) {
                throw new IllegalArgumentException("expected one InstanceStorageInfo.Disks entry");
            }
            disks = new InstanceType.InstanceStoreDisks(
                    positiveInt(groups.get(0), "Count"), positiveInt(groups.get(0), "SizeInGB"));
            storeGb = positiveInt(entry, "InstanceStorageInfo", "TotalSizeInGB");
            if (storeGb != disks.count() * disks.sizeGb()) {
                throw new IllegalArgumentException("InstanceStorageInfo.TotalSizeInGB is not Count x SizeInGB");
            }
        }

        return new InstanceType(name, family, size, vcpus, cores, threads, memoryMiB, architectures,
                hypervisor, bareMetal, bool(entry, "BurstablePerformanceSupported"),
                bool(entry, "CurrentGeneration"), bool(entry, "FreeTierEligible"),
                text(entry, "NetworkInfo", "NetworkPerformance"), baselineGbps, peakGbps,
                positiveInt(entry, "NetworkInfo", "MaximumNetworkInterfaces"),
                positiveInt(entry, "NetworkInfo", "Ipv4AddressesPerInterface"),
                ebsOptimized, ebsMbpsIops[0], ebsMbpsIops[1], ebsMbpsIops[2], ebsMbpsIops[3], ebsMBps[0], ebsMBps[1],
                storeGb, disks, (ObjectNode) entry);
    }

    private static JsonNode networkCardZero(JsonNode entry) {
        for (JsonNode card : field(entry, "NetworkInfo", "NetworkCards")) {
            if (card.path("NetworkCardIndex").asInt(-1) == 0) {
                return card;
            }
        }
        throw new IllegalArgumentException("no NetworkInfo.NetworkCards entry with NetworkCardIndex 0");
    }

    private static int iopsAt(int mbps) {
        return (int) (mbps * 1_000_000L / 8 / IOPS_IO_BYTES);
    }

    private static JsonNode field(JsonNode node, String... path) {
        JsonNode n = node;
        for (String key : path) {
            n = n.path(key);
        }
        if (n.isMissingNode() || n.isNull()) {
            throw new IllegalArgumentException("missing " + String.join(".", path));
        }
        return n;
    }

    private static String text(JsonNode node, String... path) {
        JsonNode n = field(node, path);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException(String.join(".", path) + " must be a non-empty string");
        }
        return n.asText();
    }

    private static boolean bool(JsonNode node, String... path) {
        JsonNode n = field(node, path);
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(String.join(".", path) + " must be true or false");
        }
        return n.asBoolean();
    }

    private static int positiveInt(JsonNode node, String... path) {
        JsonNode n = field(node, path);
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() <= 0) {
            throw new IllegalArgumentException(String.join(".", path) + " must be a positive integer, not " + n);
        }
        return n.asInt();
    }

    private static double positiveNumber(JsonNode node, String... path) {
        JsonNode n = field(node, path);
        if (!n.isNumber() || !(n.asDouble() > 0)) {
            throw new IllegalArgumentException(String.join(".", path) + " must be a positive number, not " + n);
        }
        return n.asDouble();
    }
}
