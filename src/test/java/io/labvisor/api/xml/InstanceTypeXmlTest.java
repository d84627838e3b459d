package io.labvisor.api.xml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.catalog.InstanceType;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.operation.instance.InstanceResponses;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceTypeXmlTest {
    private static String convert(ObjectNode entry) {
        XmlNode r = Ec2Xml.response("DescribeInstanceTypes", "req");
        XmlRenderer.write(r, new InstanceResponses.DescribeInstanceTypes(java.util.List.of(entry), null));
        return Ec2Xml.serialize(r);
    }

    @Test
    void pascalCaseMembersBecomeEc2sCamelCaseWithItemsForLists() throws Exception {
        ObjectNode entry = (ObjectNode) new ObjectMapper().readTree("""
                {"InstanceType": "t3.micro", "FreeTierEligible": true,
                 "SupportedUsageClasses": ["on-demand", "spot"],
                 "VCpuInfo": {"DefaultVCpus": 2, "DefaultThreadsPerCore": 2},
                 "MemoryInfo": {"SizeInMiB": 1024},
                 "NetworkInfo": {"NetworkCards": [{"NetworkCardIndex": 0, "PeakBandwidthInGbps": 5.0}]}}
                """);
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeInstanceTypesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>req</requestId>
                  <instanceTypeSet>
                    <item>
                      <instanceType>t3.micro</instanceType>
                      <freeTierEligible>true</freeTierEligible>
                      <supportedUsageClasses>
                        <item>on-demand</item>
                        <item>spot</item>
                      </supportedUsageClasses>
                      <vCpuInfo>
                        <defaultVCpus>2</defaultVCpus>
                        <defaultThreadsPerCore>2</defaultThreadsPerCore>
                      </vCpuInfo>
                      <memoryInfo>
                        <sizeInMiB>1024</sizeInMiB>
                      </memoryInfo>
                      <networkInfo>
                        <networkCards>
                          <item>
                            <networkCardIndex>0</networkCardIndex>
                            <peakBandwidthInGbps>5.0</peakBandwidthInGbps>
                          </item>
                        </networkCards>
                      </networkInfo>
                    </item>
                  </instanceTypeSet>
                </DescribeInstanceTypesResponse>
                """, convert(entry));
    }

    @Test
    void theModelsIrregularNamesAreUsed() throws Exception {
        ObjectNode entry = (ObjectNode) new ObjectMapper().readTree("""
                {"EbsInfo": {"EbsCards": [{"EbsCardIndex": 0}]},
                 "GpuInfo": {"Gpus": [{"Workloads": ["ml"]}]},
                 "InferenceAcceleratorInfo": {"Accelerators": [{"Count": 1}]}}
                """);
        String xml = convert(entry);
        assertTrue(xml.contains("<ebsCardSet>"), xml);
        assertTrue(xml.contains("<workloadSet>"), xml);
        assertTrue(xml.matches("(?s).*<accelerators>\\s*<member>\\s*<count>1</count>.*"), xml);
    }

    @Test
    void everyCatalogEntryConverts() {
        for (InstanceType t : InstanceTypeCatalog.builtIn().all()) {
            String xml = convert(t.raw());
            assertTrue(xml.contains("<instanceType>" + t.name() + "</instanceType>"), t.name());
            assertTrue(xml.contains("<defaultVCpus>" + t.vcpus() + "</defaultVCpus>"), t.name());
            assertTrue(xml.contains("<sizeInMiB>" + t.memoryMiB() + "</sizeInMiB>"), t.name());
        }
    }
}
