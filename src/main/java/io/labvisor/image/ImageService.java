package io.labvisor.image;

import io.labvisor.config.LabvisorConfig;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import io.labvisor.ec2.ResourceId;
import io.labvisor.files.FileTrees;
import io.labvisor.store.IntentJournal;
import io.labvisor.store.IntentKind;
import io.labvisor.tag.TagFilters;
import io.labvisor.virt.LeftoverVolumes;
import io.labvisor.tag.TagService;
import io.labvisor.virt.LibvirtHost;
import io.labvisor.virtxml.DiskFormat;
import io.labvisor.virtxml.StoragePoolSpec;
import io.labvisor.virtxml.StorageVolumeSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * register-image, describe-images, deregister-image. Importing stages the manifest's files in a directory
 * labvisor owns, verifies checksums and inspects each file with its declared format there (so nothing can swap
 * a file after the check), then lets libvirt copy them into the pool from a transient staging pool.
 */
public final class ImageService {
    private static final Logger log = LoggerFactory.getLogger(ImageService.class);
    private static final long MAX_VIRTUAL_BYTES = 16384L << 30; // EC2's largest EBS volume, 16 TiB
    private static final Map<ImageFileRole, Long> MAX_FILE_BYTES = Map.of(
            ImageFileRole.KERNEL, 256L << 20, ImageFileRole.RAMDISK, 1L << 30, ImageFileRole.ROOT, 64L << 30);

    private final LabvisorConfig config;
    private final LibvirtHost libvirt;
    private final ImageRepository images;
    private final ImageInspector inspector = new ImageInspector(MAX_VIRTUAL_BYTES);

    private final TagService tags;
    private final IntentJournal intents;

    public ImageService(LabvisorConfig config, LibvirtHost libvirt, ImageRepository images, TagService tags,
                        IntentJournal intents) {
        this.tags = tags;
        this.intents = intents;
        this.config = config;
        this.libvirt = libvirt;
        this.images = images;
    }

    /** Makes sure labvisor's storage pool exists; every AMI file and volume lives there. */
    public void ensurePool() {
        libvirt.pools().ensurePool(config.poolName(),
                new StoragePoolSpec(config.poolName(), config.poolPath().toString()).toXml());
    }

    public Image register(Path manifestFile, Optional<String> nameOverride, Optional<String> descriptionOverride) {
        AmiManifest manifest = AmiManifest.read(manifestFile);
        String name = nameOverride.orElse(manifest.name());
        if (nameOverride.isPresent()) {
            new AmiManifest(name, manifest.description(), manifest.architecture(), manifest.bootMode(),
                    manifest.kernelCmdline(), manifest.rootDeviceName(), manifest.files(),
                    manifest.blockDeviceMappings()).validate();
        }
        if (images.findByName(name).isPresent()) {
            throw duplicate(name);
        }
        ensurePool();
        String imageId = ResourceId.IMAGE.next();
        Path staging = config.stateDir().resolve("staging").resolve(imageId);
        List<String> candidates = new ArrayList<>();
        for (String role : manifest.files().keySet()) {
            String volume = imageId + "." + role.toLowerCase();
            candidates.addAll(List.of(volume, volume + ".qcow2"));
        }
        try (IntentJournal.Entry intent = intents.begin(IntentKind.REGISTER_IMAGE, List.of(imageId), Map.of(
                ImageLeftovers.VOLUMES, String.join(",", candidates), ImageLeftovers.STAGING, staging.toString(),
                ImageLeftovers.STAGING_POOL, stagingPool(imageId)))) {
            return register(manifestFile, manifest, name, descriptionOverride, imageId, staging);
        }
    }

    private Image register(Path manifestFile, AmiManifest manifest, String name, Optional<String> descriptionOverride,
                           String imageId, Path staging) {
        List<String> created = new ArrayList<>();
        try {
            Map<ImageFileRole, ImageInspector.Inspection> inspected = stage(manifestFile, manifest, staging);
            long rootVirtual = inspected.get(ImageFileRole.ROOT).virtualSizeBytes();
            int rootGib = manifest.rootMapping().ebs().volumeSize();
            if (rootVirtual > ((long) rootGib << 30)) {
                throw Ec2Exception.invalidParameter("Root volume size " + rootGib + " GiB is smaller than the image ("
                        + rootVirtual + " bytes)");
            }
            Map<ImageFileRole, String> volumes = importIntoPool(imageId, manifest, staging, inspected, created);
            Image image = new Image(imageId, name, descriptionOverride.orElse(manifest.description()),
                    manifest.architecture(), manifest.mode(), manifest.kernelCmdline(), manifest.rootDeviceName(),
                    Optional.ofNullable(volumes.get(ImageFileRole.KERNEL)),
                    Optional.ofNullable(volumes.get(ImageFileRole.RAMDISK)), volumes.get(ImageFileRole.ROOT), rootGib,
                    manifest.blockDeviceMappings(), FileTrees.sha256(manifestFile), Image.ImageState.AVAILABLE, Instant.now());
            if (!images.insertIfNameFree(image)) {
                throw duplicate(name);
            }
            created.clear();
            log.info("registered {} ({}) from {}", imageId, name, manifestFile);
            return image;
        } finally {
            for (String volume : created) {
                libvirt.pools().deleteVolumeIfExists(config.poolName(), volume);
            }
            FileTrees.deleteQuietly(staging);
        }
    }

    /** Copies the files into {@code staging}, then verifies and inspects the copies. */
    private Map<ImageFileRole, ImageInspector.Inspection> stage(Path manifestFile, AmiManifest manifest, Path staging) {
        Path dir = manifestFile.toAbsolutePath().getParent();
        Map<ImageFileRole, ImageInspector.Inspection> out = new LinkedHashMap<>();
        try {
            Files.createDirectories(staging);
            for (Map.Entry<String, AmiManifest.FileEntry> e : manifest.files().entrySet()) {
                ImageFileRole role = ImageFileRole.valueOf(e.getKey().toUpperCase());
                AmiManifest.FileEntry file = e.getValue();
                Path staged = staging.resolve(stagedName(role));
                String actual;
                try (ManifestFiles.Opened source = ManifestFiles.open(dir, file.path())) {
                    if (source.size() > MAX_FILE_BYTES.get(role)) {
                        throw Ec2Exception.invalidParameter("Image file '" + file.path() + "' is larger than "
                                + MAX_FILE_BYTES.get(role) + " bytes");
                    }
                    // copied from the channel opened above, so what is verified is what was checked
                    Files.deleteIfExists(staged);
                    actual = ManifestFiles.copy(source, staged, MAX_FILE_BYTES.get(role), file.path());
                }
                if (!actual.equals(file.sha256())) {
                    // the actual checksum is not told: it would be a way to learn any readable file's
                    throw Ec2Exception.invalidParameter("Checksum mismatch for '" + file.path()
                            + "': the file does not have the manifest's sha256 " + file.sha256());
                }
                out.put(role, inspector.inspect(staged, DeclaredFormat.parse(file.format()), role));
            }
            return out;
        } catch (IOException e) {
            throw Ec2Exception.invalidParameter("Cannot read image files: " + e.getMessage());
        }
    }

    private Map<ImageFileRole, String> importIntoPool(String imageId, AmiManifest manifest, Path staging,
                                                      Map<ImageFileRole, ImageInspector.Inspection> inspected,
                                                      List<String> created) {
        String stagingPool = stagingPool(imageId);
        Function<String, Map<ImageFileRole, String>> work = pool -> {
            Map<ImageFileRole, String> names = new LinkedHashMap<>();
            for (Map.Entry<ImageFileRole, ImageInspector.Inspection> e : inspected.entrySet()) {
                ImageFileRole role = e.getKey();
                DiskFormat format = e.getValue().format();
                String volume = imageId + "." + role.name().toLowerCase() + (format == DiskFormat.QCOW2 ? ".qcow2" : "");
                StorageVolumeSpec spec = StorageVolumeSpec.of(volume, e.getValue().virtualSizeBytes(), format);
                created.add(volume);
                libvirt.pools().cloneVolume(config.poolName(), spec.toXml(), pool, stagedName(role));
                names.put(role, volume);
            }
            return names;
        };
        return libvirt.pools().withTransientPool(stagingPool,
                new StoragePoolSpec(stagingPool, staging.toString()).toXml(), work);
    }

    private static String stagingPool(String imageId) {
        return STAGING_POOL_PREFIX + imageId;
    }

    private static final String STAGING_POOL_PREFIX = "labvisor-staging-";

    /**
     * What an interrupted register-image or create-image left, unless it was finished (its row written last, so
     * a row means done): the pool volumes it was creating (once libvirt no longer builds them), and the staging
     * folder and transient staging pool of an import. Returns what it removed.
     */
    List<String> removeUnfinished(String imageId, List<String> volumes, Optional<String> stagingPool,
                                  Optional<Path> staging) {
        List<String> removed = new ArrayList<>();
        // the copies first: libvirtd may still be reading them out of the staging pool
        if (images.find(imageId).isEmpty()) {
            for (String volume : volumes) {
                if (LeftoverVolumes.delete(libvirt.pools(), config.poolName(), volume)) {
                    removed.add(volume);
                }
            }
        }
        stagingPool.ifPresent(pool -> removed.addAll(libvirt.pools().destroyTransientPools(pool,
                config.stateDir().resolve("staging"))));
        staging.filter(Files::exists).ifPresent(dir -> {
            FileTrees.deleteQuietly(dir);
            removed.add(dir.toString());
        });
        return removed;
    }

    /**
     * For labvisord's start: the staging copies and transient staging pools of imports whose process died midway
     * (register-image removes both in a {@code finally} that a kill -9 skips). Returns what it removed.
     */
    public List<String> removeInterruptedImports() {
        Path staging = config.stateDir().resolve("staging");
        List<String> removed = new java.util.ArrayList<>(libvirt.pools().destroyTransientPools(STAGING_POOL_PREFIX,
                staging));
        if (Files.isDirectory(staging)) {
            try (var leftovers = Files.list(staging)) {
                for (Path p : leftovers.toList()) {
                    FileTrees.deleteQuietly(p);
                    removed.add(p.toString());
                }
            } catch (java.io.IOException e) {
                log.warn("cannot list {}: {}", staging, e.getMessage());
            }
        }
        return removed;
    }

    public List<Image> describe(List<String> imageIds, List<Filter> filters) {
        for (String id : imageIds) {
            if (!ResourceId.IMAGE.isValid(id)) {
                throw new Ec2Exception(ErrorCode.INVALID_AMI_ID_MALFORMED, "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
            }
        }
        List<Image> visible = images.all().stream().filter(i -> i.state() != Image.ImageState.DEREGISTERED).toList();
        List<String> missing = imageIds.stream()
                .filter(id -> visible.stream().noneMatch(i -> i.imageId().equals(id))).toList();
        if (!missing.isEmpty()) {
            throw new Ec2Exception(ErrorCode.INVALID_AMI_ID_NOT_FOUND,
                    "The image id '[" + String.join(", ", missing) + "]' does not exist");
        }
        List<Image> found = visible.stream()
                .filter(i -> imageIds.isEmpty() || imageIds.contains(i.imageId()))
                .filter(i -> ImageFilters.matches(i, TagFilters.withoutTags(filters)))
                .sorted(Comparator.comparing(Image::creationDate))
                .toList();
        return tags.filter(found, Image::imageId, filters);
    }

    /** The image, if it exists and can launch instances. */
    public Image require(String imageId) {
        if (!ResourceId.IMAGE.isValid(imageId)) {
            throw new Ec2Exception(ErrorCode.INVALID_AMI_ID_MALFORMED, "Invalid id: \"" + imageId + "\" (expecting \"ami-...\")");
        }
        return images.find(imageId).filter(i -> i.state() == Image.ImageState.AVAILABLE)
                .orElseThrow(() -> new Ec2Exception(ErrorCode.INVALID_AMI_ID_NOT_FOUND,
                        "The image id '[" + imageId + "]' does not exist"));
    }

    /**
     * CreateImage's second half: a new AMI from {@code source}'s kernel and ramdisk and a root volume. Each file
     * is libvirt's own copy in the pool (the root flattened out of its overlay chain into a standalone qcow2), so
     * the new AMI shares no file with the source AMI or the instance: either can go without breaking it.
     */
    public Image createFrom(Image source, String rootPoolVolume, int rootSizeGib, String name,
                            Optional<String> description) {
        if (images.findByName(name).isPresent()) {
            throw duplicate(name);
        }
        String imageId = ResourceId.IMAGE.next();
        List<String> files = new ArrayList<>();
        source.kernelVolume().ifPresent(v -> files.add(imageId + ".kernel"));
        source.ramdiskVolume().ifPresent(v -> files.add(imageId + ".ramdisk"));
        files.add(imageId + ".root.qcow2");
        try (IntentJournal.Entry intent = intents.begin(IntentKind.CREATE_IMAGE, List.of(imageId),
                Map.of(ImageLeftovers.VOLUMES, String.join(",", files)))) {
            return copyFrom(source, imageId, rootPoolVolume, rootSizeGib, name, description);
        }
    }

    private Image copyFrom(Image source, String imageId, String rootPoolVolume, int rootSizeGib, String name,
                           Optional<String> description) {
        List<String> created = new ArrayList<>();
        try {
            Optional<String> kernel = source.kernelVolume().map(v -> copy(v, imageId + ".kernel", DiskFormat.RAW,
                    created));
            Optional<String> ramdisk = source.ramdiskVolume().map(v -> copy(v, imageId + ".ramdisk", DiskFormat.RAW,
                    created));
            String root = copy(rootPoolVolume, imageId + ".root.qcow2", DiskFormat.QCOW2, created);
            Image image = new Image(imageId, name, description.orElse("created from " + source.imageId()),
                    source.architecture(), source.bootMode(), source.kernelCmdline(), source.rootDeviceName(),
                    kernel, ramdisk, root, rootSizeGib, source.blockDeviceMappings(), source.manifestSha256(),
                    Image.ImageState.AVAILABLE, Instant.now());
            if (!images.insertIfNameFree(image)) {
                throw duplicate(name);
            }
            created.clear();
            log.info("created image {} ({}) from {}", imageId, name, rootPoolVolume);
            return image;
        } finally {
            for (String volume : created) {
                libvirt.pools().deleteVolumeIfExists(config.poolName(), volume);
            }
        }
    }

    private String copy(String from, String to, DiskFormat format, List<String> created) {
        long bytes = libvirt.pools().capacity(config.poolName(), from);
        created.add(to);
        libvirt.pools().cloneVolume(config.poolName(), StorageVolumeSpec.of(to, bytes, format).toXml(),
                config.poolName(), from);
        return to;
    }

    /** The image in any state, deregistered ones included (their files may still back volumes). */
    public Optional<Image> find(String imageId) {
        return images.find(imageId);
    }

    public Optional<Image> findByName(String name) {
        return images.findByName(name);
    }

    /**
     * Deregisters the AMI. Its files stay in the pool while volumes made from it still use them as backing
     * files; {@link #collectGarbage} removes them once nothing does.
     */
    public void deregister(String imageId, java.util.function.Predicate<String> stillInUse) {
        Image image = require(imageId);
        images.markDeregistered(image.imageId());
        tags.removeAll(image.imageId());
        collectGarbage(stillInUse);
    }

    /** Deletes the pool files of deregistered images that no volume depends on any more. */
    public void collectGarbage(java.util.function.Predicate<String> stillInUse) {
        for (Image image : images.all()) {
            if (image.state() == Image.ImageState.DEREGISTERED && !stillInUse.test(image.imageId())) {
                for (String volume : image.volumes()) {
                    libvirt.pools().deleteVolumeIfExists(config.poolName(), volume);
                }
                images.delete(image.imageId());
                log.info("removed files of deregistered image {}", image.imageId());
            }
        }
    }

    /** Path of one of the image's volumes in the pool. */
    public String volumePath(String volume) {
        return libvirt.pools().volumePath(config.poolName(), volume)
                .orElseThrow(() -> new Ec2Exception(ErrorCode.INTERNAL_ERROR, "Image volume " + volume + " is missing from pool "
                        + config.poolName()));
    }

    private static String stagedName(ImageFileRole role) {
        return role.name().toLowerCase();
    }

    private static Ec2Exception duplicate(String name) {
        return new Ec2Exception(ErrorCode.INVALID_AMI_NAME_DUPLICATE, "AMI name " + name + " is already in use by an image");
    }

}
