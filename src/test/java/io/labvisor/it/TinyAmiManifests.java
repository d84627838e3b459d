package io.labvisor.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Variants of the tiny AMI's manifest with another root volume, for import tests. */
final class TinyAmiManifests {
    private TinyAmiManifests() {
    }

    /** Copies the tiny AMI's kernel and ramdisk into {@code dir} and writes a manifest using {@code root}. */
    static Path withRoot(Path dir, Path root, String format) throws Exception {
        Path src = TestHost.TINY_MANIFEST.getParent();
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(TestHost.TINY_MANIFEST.toFile());
        for (String role : new String[] {"kernel", "ramdisk"}) {
            String file = m.with("files").with(role).get("path").asText();
            Files.copy(src.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectNode rootEntry = m.with("files").with("root");
        rootEntry.put("path", dir.relativize(root).toString());
        rootEntry.put("format", format);
        rootEntry.put("sha256", io.labvisor.files.FileTrees.sha256(root));
        Path manifest = dir.resolve("manifest.json");
        new ObjectMapper().writeValue(manifest.toFile(), m);
        return manifest;
    }
}
