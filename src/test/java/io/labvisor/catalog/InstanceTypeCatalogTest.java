package io.labvisor.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InstanceTypeCatalogTest {

    private final InstanceTypeCatalog catalog = InstanceTypeCatalog.builtIn();

    @Test
    void builtInIsLoadedOnce() {
        assertSame(catalog, InstanceTypeCatalog.builtIn());
    }

    @Test
    void t3MicroHasAwsPublishedFigures() {
        InstanceType t = catalog.require("t3.micro");
        assertEquals("t3", t.family());
        assertEquals("micro", t.size());
        assertEquals(2, t.vcpus());
        assertEquals(1, t.coresPerSocket());
        assertEquals(2, t.threadsPerCore());
        assertEquals(1024, t.memoryMiB());
        assertEquals(Hypervisor.NITRO, t.hypervisor());
        assertFalse(t.bareMetal());
        assertTrue(t.burstable());
        assertEquals(List.of("x86_64"), t.architectures());
        assertEquals("Up to 5 Gigabit", t.networkPerformance());
        assertEquals(0.064, t.networkBaselineGbps());
        assertEquals(5.0, t.networkPeakGbps());
        assertEquals(2, t.maxNetworkInterfaces());
        assertEquals(2, t.ipv4AddressesPerInterface());
        assertTrue(t.ebsOptimized());
        assertEquals(87, t.ebsBaselineMbps());
        assertEquals(2085, t.ebsMaxMbps());
        assertEquals(500, t.ebsBaselineIops());
        assertEquals(11800, t.ebsMaxIops());
        assertEquals(10.875, t.ebsBaselineThroughputMBps());
        assertEquals(260.625, t.ebsMaxThroughputMBps());
        assertEquals(0, t.instanceStoreGb());
        assertEquals(InstanceType.InstanceStoreDisks.NONE, t.instanceStoreDisks());
        assertFalse(t.hasInstanceStore());
    }

    @Test
    void generalComputeAndMemoryFamiliesHaveTheirMemory() {
        assertEquals(2, catalog.require("m5.large").vcpus());
        assertEquals(8192, catalog.require("m5.large").memoryMiB());
        assertEquals(2, catalog.require("c5.large").vcpus());
        assertEquals(4096, catalog.require("c5.large").memoryMiB());
        assertEquals(16384, catalog.require("r5.large").memoryMiB());
        assertEquals(96, catalog.require("m5.24xlarge").vcpus());
        assertEquals(393216, catalog.require("m5.24xlarge").memoryMiB());
        assertEquals(36, catalog.require("c5.9xlarge").vcpus());
        assertEquals(73728, catalog.require("c5.9xlarge").memoryMiB());
        assertEquals(786432, catalog.require("r5.metal").memoryMiB());
    }

    @Test
    void nitroEbsAndNetworkFigures() {
        InstanceType m5 = catalog.require("m5.large");
        assertEquals(650, m5.ebsBaselineMbps());
        assertEquals(4750, m5.ebsMaxMbps());
        assertEquals(3600, m5.ebsBaselineIops());
        assertEquals(18750, m5.ebsMaxIops());
        assertEquals("Up to 10 Gigabit", m5.networkPerformance());
        assertEquals(0.75, m5.networkBaselineGbps());
        assertEquals(10.0, m5.networkPeakGbps());
        assertEquals(3, m5.maxNetworkInterfaces());
        assertEquals(20000, catalog.require("c5.large").ebsMaxIops());
        InstanceType c5 = catalog.require("c5.9xlarge");
        assertEquals("12 Gigabit", c5.networkPerformance());
        assertEquals(12.0, c5.networkBaselineGbps());
        assertEquals(9500, c5.ebsBaselineMbps());
        assertEquals(9500, c5.ebsMaxMbps());
        assertEquals(80000, catalog.require("r5.24xlarge").ebsMaxIops());
        assertEquals(15, catalog.require("r5.24xlarge").maxNetworkInterfaces());
    }

    @Test
    void t2IsXenWithoutPublishedEbsFigures() {
        InstanceType t = catalog.require("t2.micro");
        assertEquals(1, t.vcpus());
        assertEquals(1, t.coresPerSocket());
        assertEquals(1, t.threadsPerCore());
        assertEquals(1024, t.memoryMiB());
        assertEquals(Hypervisor.XEN, t.hypervisor());
        assertTrue(t.burstable());
        assertEquals("Low to Moderate", t.networkPerformance());
        assertEquals(List.of("i386", "x86_64"), t.architectures());
        // No EbsOptimizedInfo from AWS; labvisor's estimate is the network link in AWS's units.
        assertFalse(t.ebsOptimized());
        assertFalse(t.raw().get("EbsInfo").has("EbsOptimizedInfo"));
        assertEquals(64, t.ebsBaselineMbps());
        assertEquals(1024, t.ebsMaxMbps());
        assertEquals(8.0, t.ebsBaselineThroughputMBps());
        assertEquals(128.0, t.ebsMaxThroughputMBps());
        assertEquals(488, t.ebsBaselineIops());
        assertEquals(7812, t.ebsMaxIops());
    }

    @Test
    void m4IsXenWithFlatEbsFigures() {
        InstanceType m4 = catalog.require("m4.large");
        assertEquals(Hypervisor.XEN, m4.hypervisor());
        assertEquals(450, m4.ebsBaselineMbps());
        assertEquals(450, m4.ebsMaxMbps());
        assertEquals(3600, m4.ebsMaxIops());
        assertEquals("Moderate", m4.networkPerformance());
        assertEquals(65000, catalog.require("m4.16xlarge").ebsMaxIops());
    }

    @Test
    void everyFamilyHasExactlyTheSizesAwsOffersInOrder() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("c5", List.of("large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge", "metal"));
        expected.put("c5d", List.of("large"));
        expected.put("m4", List.of("large", "xlarge", "2xlarge", "4xlarge", "10xlarge", "16xlarge"));
        expected.put("m5", List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"));
        expected.put("m5d", List.of("large", "xlarge", "2xlarge"));
        expected.put("r5", List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal"));
        expected.put("r5d", List.of("large"));
        expected.put("t2", List.of("nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"));
        expected.put("t3", List.of("nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"));

        Map<String, List<String>> actual = catalog.all().stream().collect(Collectors.groupingBy(
                InstanceType::family, LinkedHashMap::new, Collectors.mapping(InstanceType::size, Collectors.toList())));
        assertEquals(expected, actual);
        assertEquals(52, catalog.all().size());
    }

    @Test
    void hypervisorsByFamily() {
        for (InstanceType t : catalog.all()) {
            Hypervisor expected = t.family().equals("t2") || t.family().equals("m4") ? Hypervisor.XEN : Hypervisor.NITRO;
            assertEquals(expected, t.hypervisor(), t.name());
            assertEquals(t.family().startsWith("t"), t.burstable(), t.name());
            assertEquals(t.vcpus(), t.coresPerSocket() * t.threadsPerCore(), t.name());
        }
    }

    @Test
    void metalTypesAreBareMetalNitroWithoutAHypervisorKey() {
        List<InstanceType> metal = catalog.all().stream().filter(InstanceType::bareMetal).toList();
        assertEquals(List.of("c5.metal", "m5.metal", "r5.metal"), metal.stream().map(InstanceType::name).toList());
        for (InstanceType t : metal) {
            assertEquals(Hypervisor.NITRO, t.hypervisor());
            assertFalse(t.raw().has("Hypervisor"), t.name());
            assertTrue(t.raw().get("BareMetal").asBoolean());
            assertEquals(96, t.vcpus());
        }
    }

    @Test
    void instanceStoreInNitroFamilies() {
        assertStore("m5d.large", 1, 75);
        assertStore("m5d.xlarge", 1, 150);
        assertStore("m5d.2xlarge", 1, 300);
        assertStore("c5d.large", 1, 50);
        assertStore("r5d.large", 1, 75);
        assertEquals(5, catalog.all().stream().filter(InstanceType::hasInstanceStore).count());
    }

    private void assertStore(String name, int count, int sizeGb) {
        InstanceType t = catalog.require(name);
        assertEquals(Hypervisor.NITRO, t.hypervisor());
        assertEquals(new InstanceType.InstanceStoreDisks(count, sizeGb), t.instanceStoreDisks());
        assertEquals(count * sizeGb, t.instanceStoreGb());
        assertEquals("ssd", t.raw().at("/InstanceStorageInfo/Disks/0/Type").asText());
    }

    @Test
    void rawIsTheAwsShapedEntryAndACopy() {
        InstanceType t = catalog.require("t3.micro");
        ObjectNode raw = t.raw();
        assertEquals("t3.micro", raw.get("InstanceType").asText());
        assertEquals("nitro", raw.get("Hypervisor").asText());
        assertEquals(2, raw.at("/VCpuInfo/DefaultVCpus").asInt());
        assertEquals(11800, raw.at("/EbsInfo/EbsOptimizedInfo/MaximumIops").asInt());
        assertEquals(5.0, raw.at("/NetworkInfo/NetworkCards/0/PeakBandwidthInGbps").asDouble());
        raw.put("InstanceType", "changed");
        ((ObjectNode) raw.get("MemoryInfo")).put("SizeInMiB", 1);
        assertEquals("t3.micro", t.raw().get("InstanceType").asText());
        assertEquals(1024, catalog.require("t3.micro").raw().at("/MemoryInfo/SizeInMiB").asInt());
    }

    @Test
    void findAndRequire() {
        assertEquals("c5.large", catalog.find("c5.large").orElseThrow().name());
        assertTrue(catalog.find("t3.huge").isEmpty());
        assertTrue(catalog.find(null).isEmpty());
        assertTrue(catalog.find("T3.MICRO").isEmpty());
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> catalog.require("t3.huge"));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, e.code());
        assertEquals("Invalid value 't3.huge' for InstanceType.", e.getMessage());
    }

    @Test
    void allIsSortedAndUnmodifiable() {
        assertEquals(catalog.all().stream().sorted(InstanceTypeOrder.FAMILY_THEN_SIZE).toList(), catalog.all());
        assertEquals("c5.large", catalog.all().get(0).name());
        assertEquals("t3.2xlarge", catalog.all().get(catalog.all().size() - 1).name());
        assertThrows(UnsupportedOperationException.class, () -> catalog.all().clear());
    }
}
