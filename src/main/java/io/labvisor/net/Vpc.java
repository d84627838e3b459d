package io.labvisor.net;

/** A VPC: an address block subnets are carved from. */
public record Vpc(String vpcId, Cidr cidr, boolean isDefault) {
}
