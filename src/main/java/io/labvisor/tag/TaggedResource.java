package io.labvisor.tag;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.ResourceId;

/**
 * The kinds of resource labvisor can tag: EC2's resource-type names, the id prefix that tells them apart, and the
 * error code EC2 answers when an id of that kind does not exist.
 */
public enum TaggedResource {
    INSTANCE("instance", ResourceId.INSTANCE, ErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, "instance ID"),
    VOLUME("volume", ResourceId.VOLUME, ErrorCode.INVALID_VOLUME_ID_NOT_FOUND, "volume"),
    SNAPSHOT("snapshot", ResourceId.SNAPSHOT, ErrorCode.INVALID_SNAPSHOT_NOT_FOUND, "snapshot"),
    IMAGE("image", ResourceId.IMAGE, ErrorCode.INVALID_AMI_ID_NOT_FOUND, "image id"),
    VPC("vpc", ResourceId.VPC, ErrorCode.INVALID_VPC_ID_NOT_FOUND, "vpc ID"),
    SUBNET("subnet", ResourceId.SUBNET, ErrorCode.INVALID_SUBNET_ID_NOT_FOUND, "subnet ID"),
    SECURITY_GROUP("security-group", ResourceId.SECURITY_GROUP, ErrorCode.INVALID_GROUP_NOT_FOUND, "security group");

    private final String label;
    private final ResourceId id;
    private final ErrorCode notFound;
    private final String noun;

    TaggedResource(String label, ResourceId id, ErrorCode notFound, String noun) {
        this.label = label;
        this.id = id;
        this.notFound = notFound;
        this.noun = noun;
    }

    /** EC2's resource-type name, e.g. {@code security-group}. */
    public String label() {
        return label;
    }

    public Ec2Exception notFound(String resourceId) {
        return new Ec2Exception(notFound, "The " + noun + " '" + resourceId + "' does not exist");
    }

    /** The kind of a resource id, by its form; anything else is EC2's {@code InvalidID}. */
    public static TaggedResource ofId(String resourceId) {
        for (TaggedResource r : values()) {
            if (r.id.isValid(resourceId)) {
                return r;
            }
        }
        throw new Ec2Exception(ErrorCode.INVALID_ID, "The ID '" + resourceId + "' is not valid");
    }

    /** A {@code TagSpecification}'s resource type. */
    public static TaggedResource parse(String label) {
        for (TaggedResource r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw Ec2Exception.invalidParameter("'" + label + "' is not a valid taggable resource type for this operation.");
    }
}
