package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.AmiManifest;
import io.labvisor.image.Image;
import io.labvisor.image.ImageService;

import java.nio.file.Path;
import java.util.Optional;

/**
 * RegisterImage from a labvisor image manifest on the host: labvisor's {@code ManifestPath}, or EC2's
 * {@code ImageLocation} holding the same (so {@code aws ec2 register-image --image-location} works), plus
 * {@code Name} and {@code Description}. The path must be an absolute {@code .json} file: API callers name files
 * on the host, so nothing else is opened.
 */
final class RegisterImageAction implements ActionHandler {
    private final ImageService images;

    RegisterImageAction(ImageService images) {
        this.images = images;
    }

    @Override
    public String action() {
        return "RegisterImage";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        Optional<String> manifestPath = q.string("ManifestPath");
        Optional<String> location = q.string("ImageLocation");
        if (manifestPath.isPresent() && location.isPresent()) {
            throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "Give the manifest either as ManifestPath or as ImageLocation, not both");
        }
        String given = manifestPath.or(() -> location).filter(s -> !s.isEmpty()).orElseThrow(() ->
                new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter ManifestPath"));
        Path manifest = Path.of(given);
        if (!manifest.isAbsolute() || !manifest.getFileName().toString().endsWith(".json")) {
            throw Ec2Exception.invalidParameter("ManifestPath must be the absolute path of a manifest .json file");
        }
        Optional<String> name = q.string("Name").filter(s -> !s.isEmpty());
        Optional<String> description = q.string("Description");
        AmiManifest parsed = AmiManifest.read(manifest); // a DryRun, too, learns whether the manifest is usable
        String effectiveName = name.orElse(parsed.name());
        if (images.findByName(effectiveName).isPresent()) {
            throw new Ec2Exception(ErrorCode.INVALID_AMI_NAME_DUPLICATE,
                    "AMI name " + effectiveName + " is already in use by an image");
        }
        return out -> {
            Image image = images.register(manifest, name, description);
            out.text("imageId", image.imageId());
        };
    }
}
