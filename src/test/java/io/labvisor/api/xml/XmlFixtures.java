package io.labvisor.api.xml;

import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.IoProfile;
import io.labvisor.image.AmiManifest;
import io.labvisor.image.BootMode;
import io.labvisor.image.Image;
import io.labvisor.volume.Volume;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Fixed records for the XML shape tests. */
final class XmlFixtures {
    static final Instant LAUNCH = Instant.parse("2025-03-01T10:00:00.250Z");

    private XmlFixtures() {
    }

    static Instance instance(InstanceState state, String reason) {
        return new Instance("i-0123456789abcdef0", "r-0123456789abcdef0", "ami-0123456789abcdef0", "t3.micro", 0,
                state, reason, LAUNCH, LAUNCH, 1024, 2, "tcg", IoProfile.VIRTIO, "52:54:00:12:34:56",
                Optional.of("10.213.0.5"), "labvisor-default", "/var/lib/labvisor/console/i-0123456789abcdef0.log");
    }

    static Volume rootVolume() {
        return new Volume("vol-0123456789abcdef0", 1, "gp3", "vol-0123456789abcdef0.qcow2", "/pool/v.qcow2",
                "in-use", Optional.of("ami-0123456789abcdef0"), Optional.of("i-0123456789abcdef0"),
                Optional.of("/dev/xvda"), true, LAUNCH, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(LAUNCH));
    }

    static Image image() {
        return new Image("ami-0123456789abcdef0", "labvisor-tiny", "tiny <test> & image", "x86_64",
                BootMode.DIRECT_KERNEL, "console=ttyS0", "/dev/xvda", Optional.of("k"), Optional.empty(), "root", 1,
                List.of(new AmiManifest.BlockDeviceMapping("/dev/xvda", new AmiManifest.Ebs(1, "gp3", true))),
                "00", Image.ImageState.AVAILABLE, Instant.parse("2025-02-01T08:00:00Z"));
    }
}
