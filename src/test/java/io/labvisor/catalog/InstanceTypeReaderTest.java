package io.labvisor.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The loader must refuse bad data with a message naming the entry, rather than serve wrong figures. */
class InstanceTypeReaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static InstanceTypeCatalog load(String json) {
        return InstanceTypeCatalog.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Loads a catalog of t3.micro (changed by {@code edit}) and m5.large. */
    private static InstanceTypeCatalog loadEdited(Consumer<ObjectNode> edit) {
        ObjectNode t3 = InstanceTypeCatalog.builtIn().require("t3.micro").raw();
        edit.accept(t3);
        ArrayNode array = MAPPER.createArrayNode().add(t3).add(InstanceTypeCatalog.builtIn().require("m5.large").raw());
        return load(array.toString());
    }

    private static void assertRejected(String expectedInMessage, Consumer<ObjectNode> edit) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loadEdited(edit));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void acceptsWellFormedEntries() {
        InstanceTypeCatalog catalog = loadEdited(t -> { });
        assertEquals(2, catalog.all().size());
        assertEquals(1024, catalog.require("t3.micro").memoryMiB());
        assertEquals(0, load("[]").all().size());
    }

    @Test
    void rejectsSomethingThatIsNotAJsonArray() {
        assertThrows(IllegalStateException.class, () -> load("[{\"InstanceType\": "));
        assertThrows(IllegalStateException.class, () -> load("{\"InstanceTypes\": []}"));
        assertThrows(IllegalStateException.class, () -> load(""));
        assertThrows(IllegalStateException.class, () -> load("[42]"));
    }

    @Test
    void rejectsDuplicateNames() {
        assertRejected("'m5.large': listed more than once", t -> t.put("InstanceType", "m5.large"));
    }

    @Test
    void rejectsNonPositiveVcpusAndMemory() {
        assertRejected("'t3.micro'", t -> ((ObjectNode) t.get("VCpuInfo")).put("DefaultVCpus", 0));
        assertRejected("VCpuInfo.DefaultVCpus", t -> ((ObjectNode) t.get("VCpuInfo")).put("DefaultVCpus", -2));
        assertRejected("MemoryInfo.SizeInMiB", t -> ((ObjectNode) t.get("MemoryInfo")).put("SizeInMiB", 0));
        assertRejected("MemoryInfo.SizeInMiB", t -> ((ObjectNode) t.get("MemoryInfo")).put("SizeInMiB", "1024"));
        assertRejected("MemoryInfo.SizeInMiB", t -> ((ObjectNode) t.get("MemoryInfo")).put("SizeInMiB", 1.5));
    }

    @Test
    void rejectsVcpusThatAreNotCoresTimesThreads() {
        assertRejected("'t3.micro': DefaultVCpus 4", t -> ((ObjectNode) t.get("VCpuInfo")).put("DefaultVCpus", 4));
    }

    @Test
    void rejectsUnknownOrMissingHypervisor() {
        assertRejected("'t3.micro': unknown Hypervisor 'kvm'", t -> t.put("Hypervisor", "kvm"));
        assertRejected("'t3.micro': missing Hypervisor", t -> t.remove("Hypervisor"));
        // Bare metal may leave it out, as AWS does.
        InstanceTypeCatalog metal = loadEdited(t -> {
            t.remove("Hypervisor");
            t.put("BareMetal", true);
        });
        assertEquals(Hypervisor.NITRO, metal.require("t3.micro").hypervisor());
    }

    @Test
    void rejectsMissingFieldsAndBadNames() {
        assertRejected("#0: missing InstanceType", t -> t.remove("InstanceType"));
        assertRejected("'t3': name is not <family>.<size>", t -> t.put("InstanceType", "t3"));
        assertRejected("unknown instance size 'huge'", t -> t.put("InstanceType", "t3.huge"));
        assertRejected("missing NetworkInfo.NetworkPerformance", t -> ((ObjectNode) t.get("NetworkInfo")).remove("NetworkPerformance"));
        assertRejected("BareMetal must be true or false", t -> t.put("BareMetal", "no"));
        assertRejected("NetworkCardIndex 0", t -> ((ObjectNode) t.get("NetworkInfo")).putArray("NetworkCards"));
        assertRejected("EbsInfo.EbsOptimizedInfo.MaximumIops",
                t -> ((ObjectNode) t.at("/EbsInfo/EbsOptimizedInfo")).remove("MaximumIops"));
    }

    @Test
    void rejectsInconsistentInstanceStore() {
        assertRejected("missing InstanceStorageInfo.Disks", t -> t.put("InstanceStorageSupported", true));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            ObjectNode m5d = InstanceTypeCatalog.builtIn().require("m5d.large").raw();
            ((ObjectNode) m5d.get("InstanceStorageInfo")).put("TotalSizeInGB", 80);
            load(MAPPER.createArrayNode().add(m5d).toString());
        });
        assertTrue(e.getMessage().contains("'m5d.large': InstanceStorageInfo.TotalSizeInGB"), e.getMessage());
    }
}
