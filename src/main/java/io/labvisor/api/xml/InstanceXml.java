package io.labvisor.api.xml;

import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.StateChange;
import io.labvisor.ec2.Account;
import io.labvisor.ec2.Placement;
import io.labvisor.tag.Tag;
import io.labvisor.volume.Volume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Instances, reservations and state changes in EC2's XML (element names are the {@code locationName}s of
 * EC2's 2016-11-15 service model: {@code instanceState}, {@code reason}, {@code blockDeviceMapping}, ...).
 */
public final class InstanceXml {
    private InstanceXml() {
    }

    /** What one instance's element needs besides the instance row. */
    public record Details(List<Volume> volumes, int threadsPerCore, List<Tag> tags, List<String> groupIds) {
        public Details(List<Volume> volumes, int threadsPerCore) {
            this(volumes, threadsPerCore, List.of(), List.of());
        }
    }

    /** {@code reservationId}, {@code ownerId}, {@code groupSet}, {@code instancesSet}: RunInstances' body. */
    public static void reservation(XmlNode parent, String reservationId, List<Instance> members,
                                   Function<Instance, Details> details) {
        parent.text("reservationId", reservationId).text("ownerId", Account.OWNER_ID);
        parent.child("groupSet");
        XmlNode set = parent.child("instancesSet");
        for (Instance i : members) {
            instance(set.item(), i, details.apply(i));
        }
    }

    /** DescribeInstances' {@code reservationSet}: instances grouped by reservation, in first-seen order. */
    public static void reservationSet(XmlNode parent, List<Instance> instances, Function<Instance, Details> details) {
        Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
        instances.forEach(i -> byReservation.computeIfAbsent(i.reservationId(), k -> new java.util.ArrayList<>()).add(i));
        XmlNode set = parent.child("reservationSet");
        byReservation.forEach((id, members) -> reservation(set.item(), id, members, details));
    }

    public static void instance(XmlNode n, Instance i, Details d) {
        n.text("instanceId", i.instanceId()).text("imageId", i.imageId());
        state(n.child("instanceState"), i.state());
        n.text("privateDnsName", "").text("reason", i.stateReason() == null ? "" : i.stateReason())
                .text("amiLaunchIndex", i.launchIndex());
        n.child("productCodes");
        n.text("instanceType", i.instanceType()).text("launchTime", i.launchTime());
        n.child("placement").text("availabilityZone", Placement.AVAILABILITY_ZONE).text("groupName", "")
                .text("tenancy", "default");
        n.child("monitoring").text("state", "disabled");
        n.textIfPresent("privateIpAddress", i.privateIp());
        XmlNode groups = n.child("groupSet");
        d.groupIds().forEach(g -> groups.item().text("groupId", g));
        if (i.stateReason() != null) {
            n.child("stateReason").text("code", i.stateReason().split(": ", 2)[0]).text("message", i.stateReason());
        }
        n.text("architecture", "x86_64").text("rootDeviceType", "ebs").text("rootDeviceName", rootDevice(d.volumes()));
        XmlNode bdm = n.child("blockDeviceMapping");
        for (Volume v : d.volumes()) {
            XmlNode m = bdm.item().text("deviceName", v.deviceName().orElse(""));
            m.child("ebs").text("volumeId", v.volumeId())
                    .text("status", i.state() == InstanceState.TERMINATED ? "detached" : "attached")
                    .text("attachTime", v.attachTime().orElse(v.createTime())).text("deleteOnTermination", v.deleteOnTermination());
        }
        n.text("virtualizationType", "hvm").text("hypervisor", "xen");
        TagXml.tagSet(n, d.tags());
        XmlNode eni = n.child("networkInterfaceSet").item();
        eni.text("status", "in-use").text("macAddress", i.mac()).textIfPresent("privateIpAddress", i.privateIp());
        n.text("ebsOptimized", false);
        n.child("cpuOptions").text("coreCount", Math.max(1, i.vcpus() / Math.max(1, d.threadsPerCore())))
                .text("threadsPerCore", d.threadsPerCore());
        n.text("platformDetails", "Linux/UNIX");
    }

    /** TerminateInstances' {@code instancesSet}. */
    public static void stateChanges(XmlNode parent, List<StateChange> changes) {
        XmlNode set = parent.child("instancesSet");
        for (StateChange c : changes) {
            XmlNode item = set.item().text("instanceId", c.instanceId());
            state(item.child("currentState"), c.current());
            state(item.child("previousState"), c.previous());
        }
    }

    public static void state(XmlNode n, InstanceState s) {
        n.text("code", s.code()).text("name", s.label());
    }

    private static String rootDevice(List<Volume> volumes) {
        return volumes.stream().filter(Volume::isRoot).map(v -> v.deviceName().orElse("")).findFirst()
                .orElse("/dev/xvda");
    }
}
