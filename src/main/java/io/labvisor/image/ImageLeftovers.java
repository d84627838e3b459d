package io.labvisor.image;

import io.labvisor.store.Intent;
import io.labvisor.store.IntentRecovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An interrupted register-image or create-image is rolled back: its caller never learned the AMI id. The files it
 * was copying into the pool go (unless the row was written, the last step: then it was finished and only an
 * import's staging traces go), and so do an import's staging folder and transient staging pool.
 */
public final class ImageLeftovers implements IntentRecovery {
    static final String VOLUMES = "volumes";
    static final String STAGING = "staging";
    static final String STAGING_POOL = "stagingPool";

    private final ImageService images;

    public ImageLeftovers(ImageService images) {
        this.images = images;
    }

    @Override
    public List<String> recover(Intent intent) {
        String imageId = intent.resources().get(0);
        return images.removeUnfinished(imageId, intent.list(VOLUMES),
                Optional.ofNullable(intent.detail().get(STAGING_POOL)),
                Optional.ofNullable(intent.detail().get(STAGING)).map(Path::of)).stream()
                .map(what -> imageId + ": removed " + what).toList();
    }
}
