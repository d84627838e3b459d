package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.InstanceXml;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.compute.InstanceService;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.Reservation;
import io.labvisor.compute.RunRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.ImageService;

import java.util.Optional;

/**
 * RunInstances: {@code ImageId}, {@code InstanceType} (default t3.micro, as labvisor's CLI; EC2's m1.small is not
 * in the catalog), {@code MinCount}, {@code MaxCount}, {@code TagSpecification.N} (instance, volume),
 * {@code BlockDeviceMapping.N} ({@link ApiBlockDeviceMappings}), and labvisor's
 * {@code IoProfile} (emulated, virtio, nitro).
 */
final class RunInstancesAction implements ActionHandler {
    private static final String DEFAULT_TYPE = "t3.micro";
    private final InstanceTypeCatalog catalog;
    private final ImageService images;
    private final InstanceService instances;
    private final InstanceDetails details;

    RunInstancesAction(InstanceTypeCatalog catalog, ImageService images, InstanceService instances,
                       InstanceDetails details) {
        this.catalog = catalog;
        this.images = images;
        this.instances = instances;
        this.details = details;
    }

    @Override
    public String action() {
        return "RunInstances";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        String imageId = q.requiredString("ImageId");
        String type = q.string("InstanceType").orElse(DEFAULT_TYPE);
        int min = q.requiredInteger("MinCount");
        int max = q.requiredInteger("MaxCount");
        Optional<IoProfile> profile = q.string("IoProfile").map(IoProfile::parse);
        // The SDKs fill ClientToken in by themselves; labvisor does not yet replay a reservation for a repeated token.
        q.string("ClientToken").filter(t -> t.length() > 64).ifPresent(t -> {
            throw Ec2Exception.invalidParameter("ClientToken may be at most 64 characters");
        });
        var tagSpecifications = ApiTags.specifications(q);
        io.labvisor.tag.TagSpecification.check(tagSpecifications, java.util.List.of(
                io.labvisor.tag.TaggedResource.INSTANCE, io.labvisor.tag.TaggedResource.VOLUME));
        if (min < 1 || max < min) {
            throw Ec2Exception.invalidParameter("MinCount must be at least 1 and MaxCount at least MinCount");
        }
        catalog.require(type);
        images.require(imageId);
        RunRequest request = new RunRequest(imageId, type, min, max, profile)
                .withSecurityGroups(q.list("SecurityGroupId")).withTagSpecifications(tagSpecifications)
                .withBlockDeviceMappings(ApiBlockDeviceMappings.of(q));
        Optional<String> subnet = q.string("SubnetId");
        if (subnet.isPresent()) {
            request = request.withSubnet(subnet.get());
        }
        Optional<String> userData = q.string("UserData").map(RunInstancesAction::decodeUserData);
        if (userData.isPresent()) {
            request = request.withUserData(userData.get());
        }
        instances.checkBlockDeviceMappings(request);
        RunRequest run = request;
        return out -> {
            Reservation r = instances.run(run);
            InstanceXml.reservation(out, r.reservationId(), r.instances(), details);
        };
    }

    /** EC2 takes user data base64-encoded on the wire; labvisor keeps it as text (UTF-8). */
    static String decodeUserData(String base64) {
        try {
            return new String(java.util.Base64.getMimeDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Ec2Exception.invalidParameter("Invalid BASE64 encoding of user data.");
        }
    }
}
