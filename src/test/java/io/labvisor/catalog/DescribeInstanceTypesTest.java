package io.labvisor.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribeInstanceTypesTest {

    private final InstanceTypeCatalog catalog = InstanceTypeCatalog.builtIn();

    private List<String> describe(List<String> types, Filter... filters) {
        return catalog.describe(types, List.of(filters)).stream().map(InstanceType::name).toList();
    }

    private static Filter filter(String name, String... values) {
        return new Filter(name, List.of(values));
    }

    @Test
    void noNamesAndNoFiltersDescribesEverything() {
        assertEquals(catalog.all(), catalog.describe(null, null));
        assertEquals(catalog.all(), catalog.describe(List.of(), List.of()));
    }

    @Test
    void namedTypesComeBackSortedOnce() {
        assertEquals(List.of("m5.large", "t2.micro", "t3.nano", "t3.micro"),
                describe(List.of("t3.micro", "m5.large", "t2.micro", "t3.nano", "t3.micro")));
    }

    @Test
    void unknownNamedTypesAreListed() {
        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> catalog.describe(List.of("t3.micro", "t3.huge", "x9.large", "t3.huge"), List.of()));
        assertEquals(ErrorCode.INVALID_INSTANCE_TYPE, e.code());
        assertEquals("The following supplied instance types do not exist: [t3.huge, x9.large]", e.getMessage());
    }

    @Test
    void unknownFilterNameIsInvalid() {
        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> catalog.describe(null, List.of(filter("instance-type", "t3.micro"), filter("colour", "red"))));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, e.code());
        assertEquals("The filter 'colour' is invalid", e.getMessage());
    }

    @Test
    void wildcardsInValues() {
        assertEquals(List.of("t3.nano", "t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge", "t3.2xlarge"),
                describe(null, filter("instance-type", "t3.*")));
        assertEquals(List.of("c5.large", "m5.large", "r5.large"), describe(null, filter("instance-type", "?5.large")));
        assertEquals(List.of("c5.metal", "m5.metal", "r5.metal"), describe(null, filter("instance-type", "*.metal")));
        assertEquals(List.of("m5.large", "m5d.large"), describe(null, filter("instance-type", "m5*.large")));
        assertEquals(List.of(), describe(null, filter("instance-type", "T3.*")));
    }

    @Test
    void valuesOfOneFilterAreOred() {
        assertEquals(List.of("t2.micro", "t3.micro"), describe(null, filter("instance-type", "t2.micro", "t3.micro")));
        assertEquals(List.of("c5d.large", "m5d.large", "m5d.xlarge", "m5d.2xlarge", "r5d.large"),
                describe(null, filter("instance-type", "*d.*", "nothing")));
    }

    @Test
    void filtersAreAnded() {
        assertEquals(List.of("m5d.large", "m5d.xlarge", "m5d.2xlarge"),
                describe(null, filter("instance-type", "m5*"), filter("instance-storage-supported", "true")));
        assertEquals(List.of(), describe(null, filter("hypervisor", "xen"), filter("instance-type", "t3.*")));
        // Two filters with the same name must both match.
        assertEquals(List.of("m5.large"),
                describe(null, filter("instance-type", "m5*"), filter("instance-type", "*.large", "x"),
                        filter("instance-storage-supported", "false")));
    }

    @Test
    void namesAndFiltersBothApply() {
        assertEquals(List.of("t3.micro"),
                describe(List.of("t2.micro", "t3.micro", "m5.large"), filter("hypervisor", "nitro"),
                        filter("burstable-performance-supported", "true")));
    }

    @Test
    void numericFilters() {
        assertEquals(List.of("m4.large", "m5.large", "m5d.large", "t2.large", "t3.large"),
                describe(null, filter("vcpu-info.default-vcpus", "2"), filter("memory-info.size-in-mib", "8192")));
        assertEquals(List.of("t2.nano", "t2.micro", "t2.small"), describe(null, filter("vcpu-info.default-vcpus", "1")));
        assertEquals(List.of("c5.24xlarge", "c5.metal", "m5.24xlarge", "m5.metal", "r5.24xlarge", "r5.metal"),
                describe(null, filter("vcpu-info.default-cores", "48")));
        assertEquals(List.of("c5.18xlarge", "c5.24xlarge", "c5.metal", "m5.24xlarge", "m5.metal", "r5.24xlarge", "r5.metal"),
                describe(null, filter("ebs-info.ebs-optimized-info.maximum-iops", "80000")));
        assertEquals(List.of("m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge"),
                describe(null, filter("ebs-info.ebs-optimized-info.maximum-iops", "18750"), filter("instance-type", "m5.*")));
        // t2 publishes no EBS-optimized figures, so no IOPS filter can match it.
        assertEquals(List.of(), describe(null, filter("ebs-info.ebs-optimized-info.maximum-iops", "*"),
                filter("instance-type", "t2.*")));
    }

    @Test
    void booleanAndEnumFilters() {
        assertEquals(List.of("c5.metal", "m5.metal", "r5.metal"), describe(null, filter("bare-metal", "true")));
        assertEquals(14, describe(null, filter("burstable-performance-supported", "true")).size());
        assertEquals(13, describe(null, filter("hypervisor", "xen")).size());
        // As in AWS, metal types have no hypervisor value.
        assertEquals(52 - 13 - 3, describe(null, filter("hypervisor", "nitro")).size());
        assertEquals(List.of(), describe(null, filter("hypervisor", "nitro"), filter("bare-metal", "true")));
        assertEquals(List.of("t2.nano", "t2.micro", "t2.small", "t2.medium"),
                describe(null, filter("processor-info.supported-architecture", "i386")));
        assertEquals(52, describe(null, filter("processor-info.supported-architecture", "x86_64")).size());
        assertEquals(List.of("t3.micro", "t3.small"), describe(null, filter("free-tier-eligible", "true")));
    }

    @Test
    void currentGenerationIsAsAwsReportsIt() {
        List<String> current = describe(null, filter("current-generation", "true"));
        assertEquals(List.of("c5d.large", "m5d.large", "m5d.xlarge", "m5d.2xlarge", "r5d.large",
                "t2.nano", "t2.micro", "t2.small", "t2.medium", "t2.large", "t2.xlarge", "t2.2xlarge",
                "t3.nano", "t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge", "t3.2xlarge"), current);
        assertEquals(52 - current.size(), describe(null, filter("current-generation", "false")).size());
    }

    @Test
    void networkPerformanceFilter() {
        assertEquals(List.of("t3.nano", "t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge", "t3.2xlarge"),
                describe(null, filter("network-info.network-performance", "Up to 5 Gigabit")));
        assertEquals(List.of("c5.9xlarge", "c5.12xlarge", "m5.12xlarge", "r5.12xlarge"),
                describe(null, filter("network-info.network-performance", "12 Gigabit")));
        assertEquals(List.of("m4.xlarge", "m4.2xlarge", "m4.4xlarge"),
                describe(null, filter("network-info.network-performance", "High")));
        assertEquals(List.of("t2.xlarge", "t2.2xlarge"),
                describe(null, filter("network-info.network-performance", "Moderate"), filter("instance-type", "t2.*")));
    }

    @Test
    void instanceStorageFilters() {
        assertEquals(List.of("m5d.2xlarge"), describe(null, filter("instance-storage-info.disk.size-in-gb", "300")));
        assertEquals(5, describe(null, filter("instance-storage-info.disk.type", "ssd")).size());
        assertEquals(47, describe(null, filter("instance-storage-supported", "false")).size());
    }

    @Test
    void aFilterWithNoValuesMatchesNothing() {
        assertEquals(List.of(), describe(null, filter("instance-type")));
    }
}
