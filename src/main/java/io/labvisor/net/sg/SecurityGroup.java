package io.labvisor.net.sg;

/** A security group of a VPC; the default group's members reach each other. */
public record SecurityGroup(String groupId, String name, String description, String vpcId, boolean isDefault) {
}
