package io.labvisor.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.labvisor.virtxml.DiskFormat;
import io.labvisor.virtxml.NetworkSpec;
import io.labvisor.virtxml.StoragePoolSpec;
import io.labvisor.virtxml.StorageVolumeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything labvisor writes must pass libvirt's own RelaxNG schemas (virt-xml-validate, from libvirt-clients). */
class SchemaValidationTest {
    private static final Path VALIDATOR = Path.of("/usr/bin/virt-xml-validate");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsValidator() {
        assumeTrue(Files.isExecutable(VALIDATOR), "virt-xml-validate is not installed");
    }

    /** virt-xml-validate's exit status and output for {@code xml} checked against {@code schema}. */
    private Result validate(String xml, String schema) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, schema, ".xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(VALIDATOR.toString(), file.toString(), schema)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("virt-xml-validate hung on " + file);
        }
        return new Result(process.exitValue(), output + "\n" + xml);
    }

    private record Result(int exitCode, String detail) {
    }

    private void assertValid(String xml, String schema) throws IOException, InterruptedException {
        Result result = validate(xml, schema);
        assertEquals(0, result.exitCode(), result.detail());
    }

    @Test
    void directKernelTcgDomainIsValid() throws Exception {
        assertValid(DomainXml.write(DomainFixtures.directKernelTcg()), "domain");
    }

    @Test
    void vhostUserOffloadDomainIsValid() throws Exception {
        assertValid(DomainXml.write(DomainFixtures.vhostUserOffload()), "domain");
    }

    @Test
    void emulatedPcDomainIsValid() throws Exception {
        assertValid(DomainXml.write(DomainFixtures.emulatedPc()), "domain");
    }

    @Test
    void throttledDomainIsValid() throws Exception {
        assertValid(DomainXml.write(DomainFixtures.throttled()), "domain");
    }

    @Test
    void liveDomainReadBackAndWrittenIsValid() throws Exception {
        assertValid(DomainXml.write(DomainXml.parse(LiveDomainParseTest.LIVE_XML)), "domain");
    }

    @Test
    void singleDevicesAreValidDomainDevices() throws Exception {
        // The schema has no entry point for a bare device, so check each inside a minimal domain.
        DomainSpec spec = DomainFixtures.throttled();
        String disk = DomainXml.writeDisk(spec.disks().get(0));
        String nic = DomainXml.writeInterface(spec.interfaces().get(0));
        String minimal = DomainXml.write(DomainSpec.builder(DomainType.KVM, "hotplug").memoryMiB(64).vcpus(1)
                .build());
        assertValid(minimal.replace("<devices>", "<devices>\n" + disk + nic), "domain");
    }

    @Test
    void networkIsValid() throws Exception {
        NetworkSpec network = NetworkSpec.builder("lv-vpc-1")
                .uuid("3e3fce45-4f53-4fa7-bb32-11f34168b82b")
                .bridgeName("lvbr1")
                .stp(false)
                .mtu(9000)
                .mac("52:54:00:aa:bb:cc")
                .ipv4("172.31.0.1", 20)
                .dhcpRange("172.31.0.10", "172.31.15.200")
                .addDhcpHost("52:54:00:12:34:56", "172.31.0.5", "i-0123456789abcdef0")
                .addDhcpHost(new NetworkSpec.DhcpHost("52:54:00:12:34:57", "172.31.0.6", null, 2))
                .build();
        assertValid(network.toXml(), "network");
    }

    @Test
    void poolIsValid() throws Exception {
        assertValid(new StoragePoolSpec("labvisor-volumes", "/var/lib/labvisor/volumes", 0711).toXml(),
                "storagepool");
    }

    @Test
    void volumesAreValid() throws Exception {
        assertValid(StorageVolumeSpec.overlay("vol-0123.qcow2", 8L << 30, "/var/lib/labvisor/images/root.qcow2",
                DiskFormat.QCOW2).toXml(), "storagevol");
        assertValid(new StorageVolumeSpec("scratch.img", 1L << 30, 0L, DiskFormat.RAW, null, null).toXml(),
                "storagevol");
    }

    @Test
    void invalidXmlFails() throws Exception {
        // Proves the check can fail: a schema violation the model itself would never write.
        String broken = DomainXml.write(DomainFixtures.directKernelTcg())
                .replace("<on_crash>destroy</on_crash>", "<on_crash>explode</on_crash>");
        assertNotEquals(0, validate(broken, "domain").exitCode());
        assertNotEquals(0, validate("<network><name>x</name><bridge stp='maybe'/></network>", "network").exitCode());
    }
}
