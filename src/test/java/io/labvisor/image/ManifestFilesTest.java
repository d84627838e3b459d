package io.labvisor.image;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.files.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RegisterImage opens only plain files inside the manifest's folder, whatever symlinks lie on the way. */
class ManifestFilesTest {
    @TempDir
    Path tmp;

    private Path manifestDir() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ami"));
        Files.createDirectories(dir.resolve("disks"));
        Files.writeString(dir.resolve("disks/root.img"), "root bytes");
        Files.writeString(tmp.resolve("secret"), "not yours");
        return dir;
    }

    private static String refusal(Path dir, String relative) {
        return assertThrows(Ec2Exception.class, () -> ManifestFiles.open(dir, relative).close()).getMessage();
    }

    @Test
    void aFileInsideIsCopiedFromTheOpenedChannel() throws Exception {
        Path dir = manifestDir();
        Path staged = tmp.resolve("staged");
        try (ManifestFiles.Opened f = ManifestFiles.open(dir, "disks/root.img")) {
            assertEquals(10, f.size());
            assertEquals(FileTrees.sha256(dir.resolve("disks/root.img")), ManifestFiles.copy(f, staged, 1 << 20, "x"));
        }
        assertEquals("root bytes", Files.readString(staged));
    }

    @Test
    void aSymlinkedFolderLeadingOutsideIsRefused() throws Exception {
        Path dir = manifestDir();
        Files.createSymbolicLink(dir.resolve("d"), Path.of("/"));
        Files.createSymbolicLink(dir.resolve("up"), tmp);
        assertTrue(refusal(dir, "d/etc/hostname").contains("outside the manifest's folder"));
        assertTrue(refusal(dir, "up/secret").contains("outside the manifest's folder"));
    }

    @Test
    void symlinksAsTheFileAndDotDotAreRefused() throws Exception {
        Path dir = manifestDir();
        Files.createSymbolicLink(dir.resolve("link.img"), dir.resolve("disks/root.img"));
        assertTrue(refusal(dir, "link.img").contains("symbolic link"));
        assertTrue(refusal(dir, "../secret").contains("outside"));
        assertTrue(refusal(dir, tmp.resolve("secret").toString()).contains("outside"));
        assertTrue(refusal(dir, "disks").contains("not a regular file"));
    }

    @Test
    void aFileThatGrowsPastTheLimitIsRefusedWhileCopying() throws Exception {
        Path dir = manifestDir();
        try (ManifestFiles.Opened f = ManifestFiles.open(dir, "disks/root.img")) {
            assertThrows(Ec2Exception.class, () -> ManifestFiles.copy(f, tmp.resolve("staged"), 4, "disks/root.img"));
        }
    }
}
