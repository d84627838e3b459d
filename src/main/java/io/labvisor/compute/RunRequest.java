package io.labvisor.compute;

import io.labvisor.tag.TagSpecification;

import java.util.List;
import java.util.Optional;

/**
 * The parameters of RunInstances that labvisor supports.
 *
 * @param userData         raw user data (the CLI takes text, as the AWS CLI does; the API decodes base64 first)
 * @param subnetId         subnet to launch into; the default subnet when empty
 * @param securityGroupIds groups of the instance; the VPC's default group when empty
 * @param tagSpecifications tags for the new instances ({@code instance}) and their volumes ({@code volume})
 * @param blockDeviceMappings root volume overrides and data volumes created at launch ({@link LaunchVolumes})
 */
public record RunRequest(String imageId, String instanceType, int minCount, int maxCount,
                         Optional<IoProfile> ioProfile, Optional<String> userData, Optional<String> subnetId,
                         List<String> securityGroupIds, List<TagSpecification> tagSpecifications,
                         List<BlockDeviceMapping> blockDeviceMappings) {

    public RunRequest {
        securityGroupIds = List.copyOf(securityGroupIds);
        tagSpecifications = List.copyOf(tagSpecifications);
        blockDeviceMappings = List.copyOf(blockDeviceMappings);
    }

    public RunRequest(String imageId, String instanceType, int minCount, int maxCount, Optional<IoProfile> ioProfile,
                      Optional<String> userData, Optional<String> subnetId, List<String> securityGroupIds) {
        this(imageId, instanceType, minCount, maxCount, ioProfile, userData, subnetId, securityGroupIds, List.of(),
                List.of());
    }

    public RunRequest(String imageId, String instanceType, int minCount, int maxCount,
                      Optional<IoProfile> ioProfile) {
        this(imageId, instanceType, minCount, maxCount, ioProfile, Optional.empty(), Optional.empty(), List.of());
    }

    public static RunRequest of(String imageId, String instanceType, int count) {
        return new RunRequest(imageId, instanceType, count, count, Optional.empty());
    }

    public RunRequest withTagSpecifications(List<TagSpecification> specs) {
        return new RunRequest(imageId, instanceType, minCount, maxCount, ioProfile, userData, subnetId,
                securityGroupIds, specs, blockDeviceMappings);
    }

    public RunRequest withUserData(String data) {
        return new RunRequest(imageId, instanceType, minCount, maxCount, ioProfile, Optional.of(data), subnetId,
                securityGroupIds, tagSpecifications, blockDeviceMappings);
    }

    public RunRequest withSecurityGroups(List<String> groupIds) {
        return new RunRequest(imageId, instanceType, minCount, maxCount, ioProfile, userData, subnetId, groupIds,
                tagSpecifications, blockDeviceMappings);
    }

    public RunRequest withIoProfile(IoProfile profile) {
        return new RunRequest(imageId, instanceType, minCount, maxCount, Optional.of(profile), userData, subnetId,
                securityGroupIds, tagSpecifications, blockDeviceMappings);
    }

    public RunRequest withSubnet(String subnet) {
        return new RunRequest(imageId, instanceType, minCount, maxCount, ioProfile, userData, Optional.of(subnet),
                securityGroupIds, tagSpecifications, blockDeviceMappings);
    }

    public RunRequest withBlockDeviceMappings(List<BlockDeviceMapping> mappings) {
        return new RunRequest(imageId, instanceType, minCount, maxCount, ioProfile, userData, subnetId,
                securityGroupIds, tagSpecifications, mappings);
    }
}
