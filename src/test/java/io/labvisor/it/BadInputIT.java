package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.compute.RunRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad input gets EC2's error and leaves no domain, volume or row behind. */
class BadInputIT {
    private static TestHost host;
    private static Image ami;

    @BeforeAll
    static void setUp() {
        host = TestHost.create();
        ami = host.registerTinyAmi();
    }

    @AfterAll
    static void tearDown() {
        host.close();
    }

    /** Everything a failed call could leave behind. */
    private record Snapshot(List<String> domains, List<String> volumes, int instances, int images, int volumeRows) {
    }

    private Snapshot snapshot() {
        Labvisor lv = host.labvisor();
        // only domains booting from this test's pool: other sessions may launch on the same libvirtd meanwhile
        String pool = host.config().poolPath().toString();
        return new Snapshot(lv.libvirt().domains().names().stream()
                        .filter(n -> lv.libvirt().domains().xml(n).map(x -> x.contains(pool)).orElse(false))
                        .sorted().toList(),
                lv.libvirt().pools().volumes(host.config().poolName()).stream().sorted().toList(),
                lv.instances().describe(List.of(), List.of()).size(),
                lv.images().describe(List.of(), List.of()).size(),
                lv.volumes().all().size());
    }

    private void assertRefusedWithoutTrace(ErrorCode expected, Executable call) {
        Snapshot before = snapshot();
        Ec2Exception e = assertThrows(Ec2Exception.class, call);
        assertEquals(expected, e.code(), e.getMessage());
        assertEquals(before, snapshot(), "state changed after " + expected.code());
    }

    @Test
    void unknownInstanceType() {
        assertRefusedWithoutTrace(ErrorCode.INVALID_PARAMETER_VALUE,
                () -> host.labvisor().instances().run(RunRequest.of(ami.imageId(), "t3.gigantic", 1)));
    }

    @Test
    void unknownAmi() {
        assertRefusedWithoutTrace(ErrorCode.INVALID_AMI_ID_NOT_FOUND,
                () -> host.labvisor().instances().run(RunRequest.of("ami-0123456789abcdef0", "t3.micro", 1)));
        assertRefusedWithoutTrace(ErrorCode.INVALID_AMI_ID_MALFORMED,
                () -> host.labvisor().instances().run(RunRequest.of("labvisor-tiny", "t3.micro", 1)));
    }

    @Test
    void countBeyondHostCapacity() {
        long instanceMemory = host.labvisor().capacity().instanceMemoryMiB();
        int count = (int) (instanceMemory / 16384) + 1; // r5.large has 16 GiB
        assertRefusedWithoutTrace(ErrorCode.INSUFFICIENT_INSTANCE_CAPACITY,
                () -> host.labvisor().instances().run(RunRequest.of(ami.imageId(), "r5.large", count)));
    }

    @Test
    void imageThatNamesABackingFile(@TempDir Path dir) throws Exception {
        Path evil = dir.resolve("root.qcow2");
        Process p = new ProcessBuilder("qemu-img", "create", "-f", "qcow2", "-b", "/etc/shadow", "-F", "raw",
                evil.toString(), "1G").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        Path manifest = TinyAmiManifests.withRoot(dir, evil, "qcow2");
        assertRefusedWithoutTrace(ErrorCode.INVALID_PARAMETER_VALUE,
                () -> host.labvisor().images().register(manifest, Optional.of("evil-backing"), Optional.empty()));
    }

    @Test
    void imageWhoseChecksumDoesNotMatch(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root.qcow2");
        Files.copy(TestHost.TINY_MANIFEST.resolveSibling("root.qcow2"), root);
        Path manifest = TinyAmiManifests.withRoot(dir, root, "qcow2");
        Files.write(root, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        assertRefusedWithoutTrace(ErrorCode.INVALID_PARAMETER_VALUE,
                () -> host.labvisor().images().register(manifest, Optional.of("tampered"), Optional.empty()));
    }

    @Test
    void duplicateAmiName() {
        assertRefusedWithoutTrace(ErrorCode.INVALID_AMI_NAME_DUPLICATE,
                () -> host.labvisor().images().register(TestHost.TINY_MANIFEST, Optional.empty(), Optional.empty()));
    }
}
