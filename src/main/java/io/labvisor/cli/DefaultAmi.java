package io.labvisor.cli;

import io.labvisor.Labvisor;
import io.labvisor.files.FileTrees;
import io.labvisor.image.Image;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** The default AMI, labvisor-tiny: registered on first use, and again when images/ rebuilt it. */
final class DefaultAmi {
    static final String NAME = "labvisor-tiny";

    private DefaultAmi() {
    }

    static Path manifest() {
        return Path.of(System.getProperty("labvisor.root", ".")).resolve("images/build/labvisor-tiny/manifest.json");
    }

    static Image ensure(Labvisor lv, Path manifest, PrintWriter log) {
        Optional<Image> existing = lv.images().findByName(NAME);
        String sha = FileTrees.sha256(manifest);
        if (existing.isPresent() && existing.get().manifestSha256().equals(sha)) {
            log.printf("[labvisor] default AMI %s (%s) is registered%n", existing.get().imageId(), NAME);
            log.flush();
            return existing.get();
        }
        if (existing.isPresent()) {
            log.printf("[labvisor] default AMI was rebuilt: deregistering %s%n", existing.get().imageId());
            lv.images().deregister(existing.get().imageId(), lv.volumes()::anyFromImage);
        }
        Image image = lv.images().register(manifest, Optional.empty(), Optional.empty());
        log.printf("[labvisor] registered default AMI %s (%s) from %s%n", image.imageId(), NAME, manifest);
        log.flush();
        return image;
    }
}
