package io.labvisor.operation.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.operation.Field;
import io.labvisor.operation.TagItem;

import java.time.Instant;
import java.util.List;

/**
 * The responses of the instance operations. Members and their order follow EC2's 2016-11-15 service model
 * (shapes Reservation, Instance, InstanceStateChange, InstanceStatus, InstanceAttribute, ...); {@code labvisor}
 * members are labvisor's own (how an instance or image is built on this host), shown by both doors.
 */
public final class InstanceResponses {
    private InstanceResponses() {
    }

    /** RunInstances' whole answer; one of DescribeInstances' {@code reservationSet}. */
    public record Reservation(String reservationId, String ownerId, @Field(xml = "groupSet") List<GroupIdentifier> groups,
                              @Field(xml = "instancesSet") List<Instance> instances) {
    }

    public record DescribeInstances(@Field(xml = "reservationSet") List<Reservation> reservations,
                                     String nextToken) {
    }

    public record Instance(String instanceId, String imageId,
                           @Field(xml = "instanceState") State state,
                           String privateDnsName,
                           @Field(xml = "reason") String stateTransitionReason,
                           int amiLaunchIndex,
                           List<String> productCodes,
                           String instanceType,
                           Instant launchTime,
                           Placement placement,
                           Monitoring monitoring,
                           String privateIpAddress,
                           String subnetId,
                           String vpcId,
                           @Field(xml = "groupSet") List<GroupIdentifier> securityGroups,
                           StateReason stateReason,
                           String architecture,
                           String rootDeviceType,
                           String rootDeviceName,
                           @Field(xml = "blockDeviceMapping") List<BlockDevice> blockDeviceMappings,
                           String virtualizationType,
                           String hypervisor,
                           @Field(xml = "tagSet", omitEmpty = true) List<TagItem> tags,
                           @Field(xml = "networkInterfaceSet") List<NetworkInterface> networkInterfaces,
                           boolean ebsOptimized,
                           CpuOptions cpuOptions,
                           String platformDetails,
                           Labvisor labvisor) {
    }

    public record State(int code, String name) {
    }

    public record Placement(String availabilityZone, String groupName, String tenancy) {
    }

    public record Monitoring(String state) {
    }

    public record GroupIdentifier(String groupId) {
    }

    public record StateReason(String code, String message) {
    }

    public record BlockDevice(String deviceName, EbsDevice ebs) {
    }

    public record EbsDevice(String volumeId, String status, Instant attachTime, boolean deleteOnTermination) {
    }

    public record NetworkInterface(String status, String macAddress, String privateIpAddress, String subnetId,
                                   String vpcId) {
    }

    public record CpuOptions(int coreCount, int threadsPerCore) {
    }

    /** How labvisor builds the instance: not EC2's, so the SDKs skip the element and the AWS CLI never shows it. */
    public record Labvisor(String accelerator, String ioProfile, String domain, String network, String consoleLog) {
    }

    /** One of Start/Stop/TerminateInstances' {@code instancesSet}. */
    public record StateChange(String instanceId, State currentState, State previousState) {
    }

    public record StartInstances(@Field(xml = "instancesSet") List<StateChange> startingInstances) {
    }

    public record StopInstances(@Field(xml = "instancesSet") List<StateChange> stoppingInstances) {
    }

    public record TerminateInstances(@Field(xml = "instancesSet") List<StateChange> terminatingInstances) {
    }

    public record DescribeInstanceStatus(@Field(xml = "instanceStatusSet") List<InstanceStatus> instanceStatuses,
                                         String nextToken) {
    }

    public record InstanceStatus(String instanceId, String availabilityZone, State instanceState,
                                 StatusSummary systemStatus, StatusSummary instanceStatus) {
    }

    public record StatusSummary(String status, @Field(omitEmpty = true) List<StatusDetail> details) {
    }

    public record StatusDetail(String name, String status, Instant impairedSince) {
    }

    /** DescribeInstanceAttribute: the one attribute asked for is present. */
    public record InstanceAttribute(String instanceId, AttributeValue userData, AttributeValue instanceType) {
    }

    /** An attribute's value; absent (an empty element) when the instance has none, e.g. no user data. */
    public record AttributeValue(String value) {
    }

    /** GetConsoleOutput: the console text (EC2's XML carries it base64-encoded; botocore decodes it). */
    public record ConsoleOutput(String instanceId, Instant timestamp, @Field(base64 = true) String output) {
    }

    /** DescribeInstanceTypes: the catalog's entries, kept in the AWS CLI's own JSON form (PascalCase). */
    public record DescribeInstanceTypes(@Field(xml = "instanceTypeSet") List<JsonNode> instanceTypes,
                                        String nextToken) {
    }
}
