package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.Image;
import io.labvisor.image.ImageService;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeRepository;

import java.util.Optional;

/**
 * CreateImage: a new AMI whose root is a flattened copy of a stopped instance's root volume, booting with the
 * same kernel and ramdisk (copied too). Only stopped instances: a running QEMU holds its disk's write lock, so
 * libvirt's copy (qemu-img) cannot read it; EC2's reboot-for-consistency is not modelled.
 */
public final class ImageCapture {
    private final InstanceService instances;
    private final ImageService images;
    private final VolumeRepository volumes;

    public ImageCapture(InstanceService instances, ImageService images, VolumeRepository volumes) {
        this.instances = instances;
        this.images = images;
        this.volumes = volumes;
    }

    public Image capture(String instanceId, String name, Optional<String> description) {
        if (name == null || name.isBlank()) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter name");
        }
        Instance i = instances.require(instanceId);
        if (i.state() != InstanceState.STOPPED) {
            throw new Ec2Exception(ErrorCode.INCORRECT_INSTANCE_STATE, "The instance '" + instanceId
                    + "' is not in the 'stopped' state (labvisor copies root volumes of stopped instances only).");
        }
        // The source AMI may be deregistered since: its row (and files) stay while this root volume uses them.
        Image source = images.find(i.imageId()).orElseThrow(() -> new Ec2Exception(ErrorCode.INTERNAL_ERROR,
                "the AMI of " + instanceId + " is gone"));
        Volume root = volumes.attachedTo(instanceId).stream()
                .filter(v -> v.deviceName().equals(Optional.of(source.rootDeviceName())))
                .findFirst()
                .orElseThrow(() -> new Ec2Exception(ErrorCode.INTERNAL_ERROR, instanceId + " has no root volume"));
        return images.createFrom(source, root.poolVolume(), root.sizeGib(), name, description);
    }
}
