package io.labvisor.net;

/**
 * A subnet and the isolated libvirt network that carries it.
 *
 * @param network libvirt network name (instances.network refers to it)
 * @param bridge  its Linux bridge in labvisor's namespace (at most 15 characters)
 */
public record Subnet(String subnetId, String vpcId, Cidr cidr, String network, String bridge, boolean isDefault) {

    /** Network and bridge names for a new subnet: the id's hex keeps them unique and within IFNAMSIZ. */
    static Subnet named(String subnetId, String vpcId, Cidr cidr) {
        String hex = subnetId.substring("subnet-".length());
        return new Subnet(subnetId, vpcId, cidr, "labvisor-" + subnetId, "lvbr-" + hex.substring(0, 8), false);
    }

    /** Addresses an instance may have: the block less EC2's five reserved ones. */
    public long assignableCount() {
        return cidr.size() - 5;
    }
}
