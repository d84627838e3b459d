package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.image.ImageService;
import io.labvisor.volume.VolumeRepository;

/** DeregisterImage: {@code ImageId}; instances launched from it keep running. */
final class DeregisterImageAction implements ActionHandler {
    private final ImageService images;
    private final VolumeRepository volumes;

    DeregisterImageAction(ImageService images, VolumeRepository volumes) {
        this.images = images;
        this.volumes = volumes;
    }

    @Override
    public String action() {
        return "DeregisterImage";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        String imageId = images.require(q.requiredString("ImageId")).imageId();
        return out -> {
            images.deregister(imageId, volumes::anyFromImage);
            out.text("return", true);
        };
    }
}
