package io.labvisor.image;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A registered AMI. Its files live as volumes in labvisor's libvirt storage pool; instances boot from them and
 * get copy-on-write overlays of {@code rootVolume}.
 */
public record Image(String imageId, String name, String description, String architecture, BootMode bootMode,
                    String kernelCmdline, String rootDeviceName, Optional<String> kernelVolume,
                    Optional<String> ramdiskVolume, String rootVolume, int rootSizeGib,
                    List<AmiManifest.BlockDeviceMapping> blockDeviceMappings, String manifestSha256,
                    ImageState state, Instant creationDate) {

    public enum ImageState {
        PENDING("pending"), AVAILABLE("available"), DEREGISTERED("deregistered");

        private final String label;

        ImageState(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static ImageState parse(String label) {
            for (ImageState s : values()) {
                if (s.label.equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown image state " + label);
        }
    }

    /** Pool volume names of all of this image's files. */
    public List<String> volumes() {
        return java.util.stream.Stream.of(kernelVolume, ramdiskVolume, Optional.of(rootVolume))
                .flatMap(Optional::stream).toList();
    }
}
