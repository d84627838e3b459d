package io.labvisor.api.xml;

import io.labvisor.ec2.Account;
import io.labvisor.image.Image;

import java.util.Optional;

/** AMIs in EC2's XML: {@code imagesSet/item} with {@code imageState}, {@code imageOwnerId}, {@code isPublic}, .... */
public final class ImageXml {
    private ImageXml() {
    }

    public static void image(XmlNode n, Image i, java.util.List<io.labvisor.tag.Tag> tags) {
        image(n, i);
        TagXml.tagSet(n, tags);
    }

    public static void image(XmlNode n, Image i) {
        n.text("imageId", i.imageId()).text("imageLocation", "labvisor/" + i.name())
                .text("imageState", i.state().label()).text("imageOwnerId", Account.OWNER_ID)
                .text("creationDate", i.creationDate()).text("isPublic", false)
                .text("architecture", i.architecture()).text("imageType", "machine")
                .text("platformDetails", "Linux/UNIX").text("name", i.name())
                .textIfPresent("description", Optional.ofNullable(i.description()))
                .text("rootDeviceType", "ebs").text("rootDeviceName", i.rootDeviceName());
        XmlNode bdm = n.child("blockDeviceMapping");
        i.blockDeviceMappings().forEach(m -> bdm.item().text("deviceName", m.deviceName()).child("ebs")
                .text("deleteOnTermination", m.ebs().deleteOnTermination())
                .text("volumeSize", m.ebs().volumeSize())
                .text("volumeType", m.ebs().volumeType()));
        n.text("virtualizationType", "hvm").text("hypervisor", "xen").text("bootMode", "legacy-bios");
    }
}
