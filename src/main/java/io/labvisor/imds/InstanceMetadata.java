package io.labvisor.imds;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the metadata service tells one instance about itself: EC2's {@code /latest/meta-data/} tree (a directory is
 * a map, a leaf a string) and its user data. Pure.
 *
 * @param launchTime ISO-8601, EC2's {@code pendingTime}
 * @param userData raw user data, absent when the instance has none
 */
record InstanceMetadata(String instanceId, String instanceType, String imageId, int launchIndex,
                        String reservationId, String launchTime, String mac, String privateIp, String subnetId, String subnetCidr,
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

    /** EC2's instance identity document (unsigned: there is no AWS key to sign it with). */
    String identityDocument() {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("accountId", ownerId);
        d.put("architecture", "x86_64");
        d.put("availabilityZone", availabilityZone);
        d.put("billingProducts", null);
        d.put("devpayProductCodes", null);
        d.put("marketplaceProductCodes", null);
        d.put("imageId", imageId);
        d.put("instanceId", instanceId);
        d.put("instanceType", instanceType);
        d.put("kernelId", null);
        d.put("pendingTime", launchTime);
        d.put("privateIp", privateIp);
        d.put("ramdiskId", null);
        d.put("region", region);
        d.put("version", "2017-09-30");
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsString(d);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code latest} directory: dynamic, meta-data, and user-data when there is some. */
    Map<String, Object> latest() {
        Map<String, Object> m = new TreeMap<>();
        m.put("dynamic", Map.of("instance-identity", Map.of("document", identityDocument())));
        m.put("meta-data", metaData());
        userData.ifPresent(d -> m.put("user-data", d));
        return m;
    }
}
