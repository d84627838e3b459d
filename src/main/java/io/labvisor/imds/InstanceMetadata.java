package io.labvisor.imds;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the metadata service tells one instance about itself: EC2's {@code /latest/meta-data/} tree (a directory is
 * a map, a leaf a string) and its user data. Pure.
 *
 * @param userData raw user data, absent when the instance has none
 */
record InstanceMetadata(String instanceId, String instanceType, String imageId, int launchIndex,
                        String reservationId, String mac, String privateIp, String subnetId, String subnetCidr,
                        String vpcId, String vpcCidr, List<String> groupIds, List<String> groupNames,
                        String availabilityZone, String region, String ownerId, Optional<byte[]> userData) {

    /** EC2's private DNS name outside us-east-1: ip-a-b-c-d.REGION.compute.internal. */
    String hostname() {
        return "ip-" + privateIp.replace('.', '-') + "." + region + ".compute.internal";
    }

    /** The {@code meta-data} directory. */
    Map<String, Object> metaData() {
        Map<String, Object> m = new TreeMap<>();
        m.put("ami-id", imageId);
        m.put("ami-launch-index", Integer.toString(launchIndex));
        m.put("hostname", hostname());
        m.put("instance-action", "none");
        m.put("instance-id", instanceId);
        m.put("instance-type", instanceType);
        m.put("local-hostname", hostname());
        m.put("local-ipv4", privateIp);
        m.put("mac", mac);
        m.put("reservation-id", reservationId);
        m.put("security-groups", String.join("\n", groupNames));
        Map<String, Object> placement = new TreeMap<>();
        placement.put("availability-zone", availabilityZone);
        placement.put("region", region);
        m.put("placement", placement);
        Map<String, Object> nic = new TreeMap<>();
        nic.put("device-number", "0");
        nic.put("local-hostname", hostname());
        nic.put("local-ipv4s", privateIp);
        nic.put("mac", mac);
        nic.put("owner-id", ownerId);
        nic.put("security-group-ids", String.join("\n", groupIds));
        nic.put("security-groups", String.join("\n", groupNames));
        nic.put("subnet-id", subnetId);
        nic.put("subnet-ipv4-cidr-block", subnetCidr);
        nic.put("vpc-id", vpcId);
        nic.put("vpc-ipv4-cidr-block", vpcCidr);
        nic.put("vpc-ipv4-cidr-blocks", vpcCidr);
        m.put("network", Map.of("interfaces", Map.of("macs", Map.of(mac, nic))));
        return m;
    }

    /** The {@code latest} directory: meta-data, and user-data when there is some. */
    Map<String, Object> latest() {
        Map<String, Object> m = new TreeMap<>();
        m.put("meta-data", metaData());
        userData.ifPresent(d -> m.put("user-data", d));
        return m;
    }
}
