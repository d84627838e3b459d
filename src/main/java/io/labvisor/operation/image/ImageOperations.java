package io.labvisor.operation.image;

import io.labvisor.compute.ImageCapture;
import io.labvisor.compute.InstanceService;
import io.labvisor.ec2.Account;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.AmiManifest;
import io.labvisor.image.Image;
import io.labvisor.image.ImageService;
import io.labvisor.operation.Operation;
import io.labvisor.operation.Page;
import io.labvisor.operation.Paged;
import io.labvisor.operation.Pager;
import io.labvisor.operation.TagItem;
import io.labvisor.tag.TagService;
import io.labvisor.volume.VolumeRepository;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import static io.labvisor.operation.Operation.of;

/** RegisterImage, DescribeImages, DeregisterImage and CreateImage. */
public final class ImageOperations {
    private static final Pager DESCRIBE = new Pager("DescribeImages", 1, 1000);
    /** EC2's spelling of a time held as a string, e.g. {@code 2016-11-15T10:00:00.000Z}. */
    private static final DateTimeFormatter EC2_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ImageService images;
    private final ImageCapture capture;
    private final InstanceService instances;
    private final VolumeRepository volumes;
    private final TagService tags;

    public ImageOperations(ImageService images, ImageCapture capture, InstanceService instances,
                           VolumeRepository volumes, TagService tags) {
        this.images = images;
        this.capture = capture;
        this.instances = instances;
        this.volumes = volumes;
        this.tags = tags;
    }

    public List<Operation<?, ?>> all() {
        return List.of(
                of("RegisterImage", ImageRequests.RegisterImage.class, ImageResponses.ImageId.class, this::register),
                of("DescribeImages", ImageRequests.DescribeImages.class, ImageResponses.DescribeImages.class,
                        this::describe),
                of("DeregisterImage", ImageRequests.DeregisterImage.class, ImageResponses.Deregistered.class,
                        this::deregister),
                of("CreateImage", ImageRequests.CreateImage.class, ImageResponses.ImageId.class, this::create));
    }

    private Operation.Prepared<ImageResponses.ImageId> register(ImageRequests.RegisterImage q) {
        if (q.manifestPath() != null && q.imageLocation() != null) {
            throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "Give the manifest either as ManifestPath or as ImageLocation, not both");
        }
        String given = Optional.ofNullable(q.manifestPath()).or(() -> Optional.ofNullable(q.imageLocation()))
                .filter(s -> !s.isEmpty()).orElseThrow(() -> new Ec2Exception(ErrorCode.MISSING_PARAMETER,
                        "The request must contain the parameter ManifestPath"));
        Path manifest = Path.of(given);
        if (!manifest.isAbsolute() || !manifest.getFileName().toString().endsWith(".json")) {
            throw Ec2Exception.invalidParameter("ManifestPath must be the absolute path of a manifest .json file");
        }
        Optional<String> name = Optional.ofNullable(q.name()).filter(s -> !s.isEmpty());
        Optional<String> description = Optional.ofNullable(q.description());
        AmiManifest parsed = AmiManifest.read(manifest); // a DryRun, too, learns whether the manifest is usable
        String effectiveName = name.orElse(parsed.name());
        if (images.findByName(effectiveName).isPresent()) {
            throw new Ec2Exception(ErrorCode.INVALID_AMI_NAME_DUPLICATE,
                    "AMI name " + effectiveName + " is already in use by an image");
        }
        return () -> new ImageResponses.ImageId(images.register(manifest, name, description).imageId());
    }

    /** Owner: self or the lab's account match every AMI, any other owner none. */
    private Operation.Prepared<ImageResponses.DescribeImages> describe(ImageRequests.DescribeImages q) {
        Pager.Request paging = Paged.read(DESCRIBE, q.maxResults(), q.nextToken(), q.imageIds(), "ImageId");
        List<Image> found = images.describe(q.imageIds(), q.filters());
        boolean ours = q.owners().isEmpty() || q.owners().contains("self") || q.owners().contains(Account.OWNER_ID);
        Page<Image> page = paging.page(ours ? found : List.of());
        return () -> new ImageResponses.DescribeImages(page.items().stream().map(i -> image(i, tags.of(i.imageId()))).toList(),
                page.nextToken().orElse(null));
    }

    private Operation.Prepared<ImageResponses.Deregistered> deregister(ImageRequests.DeregisterImage q) {
        String imageId = images.require(q.imageId()).imageId();
        return () -> {
            images.deregister(imageId, volumes::anyFromImage);
            return new ImageResponses.Deregistered(true);
        };
    }

    private Operation.Prepared<ImageResponses.ImageId> create(ImageRequests.CreateImage q) {
        instances.require(q.instanceId());
        return () -> new ImageResponses.ImageId(capture.capture(q.instanceId(), q.name(),
                Optional.ofNullable(q.description())).imageId());
    }

    /** One AMI as EC2 shows it, with its tags. */
    public static ImageResponses.Image image(Image i, List<io.labvisor.tag.Tag> imageTags) {
        List<ImageResponses.BlockDevice> devices = i.blockDeviceMappings().stream()
                .map(m -> new ImageResponses.BlockDevice(m.deviceName(), new ImageResponses.Ebs(
                        m.ebs().deleteOnTermination(), m.ebs().volumeSize(), m.ebs().volumeType()))).toList();
        return new ImageResponses.Image(i.imageId(), "labvisor/" + i.name(), i.state().label(), Account.OWNER_ID,
                EC2_TIME.format(i.creationDate()), false, i.architecture(), "machine", "Linux/UNIX", i.name(),
                i.description(), "ebs", i.rootDeviceName(), devices, "hvm", "xen", "legacy-bios",
                TagItem.of(imageTags),
                new ImageResponses.Labvisor(i.bootMode().label(), i.kernelCmdline(), i.manifestSha256()));
    }
}
