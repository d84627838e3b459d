package io.labvisor.image;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.virtxml.DiskFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Images made by the real qemu-img, including the hostile shapes the importer must refuse. */
class ImageInspectorTest {
    private final ImageInspector inspector = new ImageInspector(4L << 30);

    @TempDir
    Path dir;

    private void qemuImg(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("qemu-img"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "qemu-img " + String.join(" ", args) + ": " + out);
    }

    @Test
    void acceptsAPlainQcow2AndReportsItsVirtualSize() throws Exception {
        qemuImg("create", "-f", "qcow2", "plain.qcow2", "1G");
        ImageInspector.Inspection i = inspector.inspect(dir.resolve("plain.qcow2"), DiskFormat.QCOW2, ImageFileRole.ROOT);
        assertEquals(DiskFormat.QCOW2, i.format());
        assertEquals(1L << 30, i.virtualSizeBytes());
    }

    @Test
    void refusesAQcow2ThatNamesABackingFile() throws Exception {
        qemuImg("create", "-f", "qcow2", "-b", "/etc/shadow", "-F", "raw", "evil.qcow2", "1G");
        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> inspector.inspect(dir.resolve("evil.qcow2"), DiskFormat.QCOW2, ImageFileRole.ROOT));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, e.code());
        assertTrue(e.getMessage().contains("backing file"), e.getMessage());
    }

    @Test
    void refusesAQcow2WithAnExternalDataFile() throws Exception {
        qemuImg("create", "-f", "qcow2", "-o", "data_file=data.raw", "datafile.qcow2", "64M");
        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> inspector.inspect(dir.resolve("datafile.qcow2"), DiskFormat.QCOW2, ImageFileRole.ROOT));
        assertTrue(e.getMessage().contains("data file"), e.getMessage());
    }

    @Test
    void refusesAQcow2DeclaredRaw() throws Exception {
        qemuImg("create", "-f", "qcow2", "disguised.img", "64M");
        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> inspector.inspect(dir.resolve("disguised.img"), DiskFormat.RAW, ImageFileRole.ROOT));
        assertTrue(e.getMessage().contains("declared raw but its header is qcow2"), e.getMessage());
    }

    @Test
    void refusesVmdkDeclaredRaw() throws Exception {
        qemuImg("create", "-f", "vmdk", "disk.vmdk", "64M");
        assertThrows(Ec2Exception.class, () -> inspector.inspect(dir.resolve("disk.vmdk"), DiskFormat.RAW, ImageFileRole.ROOT));
    }

    @Test
    void refusesAnImageLargerThanTheLimit() throws Exception {
        qemuImg("create", "-f", "qcow2", "huge.qcow2", "8G");
        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> inspector.inspect(dir.resolve("huge.qcow2"), DiskFormat.QCOW2, ImageFileRole.ROOT));
        assertTrue(e.getMessage().contains("above the limit"), e.getMessage());
    }

    @Test
    void refusesATruncatedQcow2Header() throws IOException {
        Path f = dir.resolve("short.qcow2");
        Files.write(f, new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});
        assertThrows(Ec2Exception.class, () -> inspector.inspect(f, DiskFormat.QCOW2, ImageFileRole.ROOT));
    }

    @Test
    void kernelMustBeABzImageAndRamdiskACompressedArchive() throws IOException {
        Path notKernel = dir.resolve("vmlinuz");
        Files.write(notKernel, new byte[1024]);
        assertThrows(Ec2Exception.class, () -> inspector.inspect(notKernel, DiskFormat.RAW, ImageFileRole.KERNEL));
        byte[] bz = new byte[1024];
        ByteBuffer.wrap(bz).position(0x202).put("HdrS".getBytes());
        Files.write(notKernel, bz);
        assertEquals(DiskFormat.RAW, inspector.inspect(notKernel, DiskFormat.RAW, ImageFileRole.KERNEL).format());

        byte[] elf = new byte[64];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, elf, 0, 7);
        elf[18] = 0x3e;
        Files.write(notKernel, elf);
        assertEquals(DiskFormat.RAW, inspector.inspect(notKernel, DiskFormat.RAW, ImageFileRole.KERNEL).format());
        elf[18] = 0x28; // an ARM ELF is not a kernel this host can boot
        Files.write(notKernel, elf);
        assertThrows(Ec2Exception.class, () -> inspector.inspect(notKernel, DiskFormat.RAW, ImageFileRole.KERNEL));

        Path initrd = dir.resolve("initrd");
        Files.write(initrd, new byte[] {0x1f, (byte) 0x8b, 8, 0});
        assertEquals(4, inspector.inspect(initrd, DiskFormat.RAW, ImageFileRole.RAMDISK).fileSizeBytes());
        Files.write(initrd, "hello".getBytes());
        assertThrows(Ec2Exception.class, () -> inspector.inspect(initrd, DiskFormat.RAW, ImageFileRole.RAMDISK));
    }

    @Test
    void kernelsMayNotBeQcow2() throws Exception {
        qemuImg("create", "-f", "qcow2", "k.qcow2", "1M");
        assertThrows(Ec2Exception.class, () -> inspector.inspect(dir.resolve("k.qcow2"), DiskFormat.QCOW2, ImageFileRole.KERNEL));
    }
}
