package io.labvisor.operation.image;

import io.labvisor.operation.Field;
import io.labvisor.operation.TagItem;

import java.util.List;

/** AMIs as EC2's model has them (shape Image); {@code labvisor} holds how labvisor boots it. */
public final class ImageResponses {
    private ImageResponses() {
    }

    /** CreationDate is a string in EC2's model, so both doors show EC2's own spelling of the time. */
    public record Image(String imageId, String imageLocation, @Field(xml = "imageState") String state,
                        @Field(xml = "imageOwnerId") String ownerId, String creationDate,
                        @Field(xml = "isPublic", json = "Public") boolean public_, String architecture, String imageType,
                        String platformDetails, String name, String description, String rootDeviceType,
                        String rootDeviceName,
                        @Field(xml = "blockDeviceMapping") List<BlockDevice> blockDeviceMappings,
                        String virtualizationType, String hypervisor, String bootMode,
                        @Field(xml = "tagSet", omitEmpty = true) List<TagItem> tags, Labvisor labvisor) {
    }

    public record BlockDevice(String deviceName, Ebs ebs) {
    }

    public record Ebs(boolean deleteOnTermination, int volumeSize, String volumeType) {
    }

    public record Labvisor(String bootMode, String kernelCmdline, String manifestSha256) {
    }

    public record DescribeImages(@Field(xml = "imagesSet") List<Image> images, String nextToken) {
    }

    /** DeregisterImage's answer: EC2's model has its {@code return}, so the AWS CLI prints it. */
    public record Deregistered(@Field(xml = "return", json = "Return") boolean returnValue) {
    }

    /** RegisterImage's and CreateImage's answer. */
    public record ImageId(String imageId) {
    }
}
