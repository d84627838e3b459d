package io.labvisor.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.InstanceStatus;
import io.labvisor.compute.StateChange;
import io.labvisor.ec2.Placement;
import io.labvisor.image.Image;
import io.labvisor.volume.Volume;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds response objects with the keys and nesting of the AWS CLI's JSON output. */
public final class Shapes {
    /** EC2 shows an owner account id; a lab machine has one owner. */
    public static final String OWNER_ID = io.labvisor.ec2.Account.OWNER_ID;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Shapes() {
    }

    public static ObjectNode object() {
        return F.objectNode();
    }

    public static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS)).replace("Z", "+00:00");
    }

    public static ObjectNode state(InstanceState s) {
        ObjectNode n = F.objectNode();
        n.put("Code", s.code());
        n.put("Name", s.label());
        return n;
    }

    public static ObjectNode instance(Instance i, List<Volume> volumes, int threadsPerCore) {
        ObjectNode n = F.objectNode();
        n.put("AmiLaunchIndex", i.launchIndex());
        n.put("ImageId", i.imageId());
        n.put("InstanceId", i.instanceId());
        n.put("InstanceType", i.instanceType());
        n.put("LaunchTime", time(i.launchTime()));
        ObjectNode placement = n.putObject("Placement");
        placement.put("AvailabilityZone", Placement.AVAILABILITY_ZONE);
        placement.put("Tenancy", "default");
        i.privateIp().ifPresent(ip -> n.put("PrivateIpAddress", ip));
        n.set("State", state(i.state()));
        n.put("StateTransitionReason", i.stateReason() == null ? "" : i.stateReason());
        if (i.stateReason() != null) {
            ObjectNode reason = n.putObject("StateReason");
            String[] parts = i.stateReason().split(": ", 2);
            reason.put("Code", parts[0]);
            reason.put("Message", i.stateReason());
        }
        n.put("Architecture", "x86_64");
        ArrayNode bdm = n.putArray("BlockDeviceMappings");
        for (Volume v : volumes) {
            ObjectNode m = bdm.addObject();
            m.put("DeviceName", v.deviceName().orElse(""));
            ObjectNode ebs = m.putObject("Ebs");
            ebs.put("AttachTime", time(v.attachTime().orElse(v.createTime())));
            ebs.put("DeleteOnTermination", v.deleteOnTermination());
            ebs.put("Status", i.state() == InstanceState.TERMINATED ? "detached" : "attached");
            ebs.put("VolumeId", v.volumeId());
        }
        n.put("Hypervisor", "xen");
        ArrayNode enis = n.putArray("NetworkInterfaces");
        if (i.state() != InstanceState.TERMINATED) { // EC2 lists no interfaces once an instance is gone
            ObjectNode eni = enis.addObject();
            eni.put("MacAddress", i.mac());
            eni.put("Status", "in-use");
            i.privateIp().ifPresent(ip -> eni.put("PrivateIpAddress", ip));
        }
        n.put("RootDeviceName", volumes.stream().filter(Volume::isRoot).map(v -> v.deviceName().orElse(""))
                .findFirst().orElse("/dev/xvda"));
        n.put("RootDeviceType", "ebs");
        n.put("VirtualizationType", "hvm");
        ObjectNode cpu = n.putObject("CpuOptions");
        cpu.put("CoreCount", Math.max(1, i.vcpus() / Math.max(1, threadsPerCore)));
        cpu.put("ThreadsPerCore", threadsPerCore);
        n.put("PlatformDetails", "Linux/UNIX");
        // labvisor's own fields: how this instance is built on the host.
        ObjectNode lab = n.putObject("Labvisor");
        lab.put("Accelerator", i.accel());
        lab.put("IoProfile", i.ioProfile().label());
        lab.put("Domain", i.instanceId());
        lab.put("Network", i.network());
        lab.put("ConsoleLog", i.consoleLog());
        return n;
    }

    /** DescribeInstances groups instances by reservation, as EC2 does. */
    public static ObjectNode reservations(List<Instance> instances, Function<Instance, JsonNode> shape) {
        ObjectNode root = F.objectNode();
        ArrayNode list = root.putArray("Reservations");
        Map<String, List<Instance>> byReservation = instances.stream()
                .collect(Collectors.groupingBy(Instance::reservationId, java.util.LinkedHashMap::new, Collectors.toList()));
        byReservation.forEach((rid, members) -> {
            ObjectNode r = list.addObject();
            r.putArray("Groups");
            ArrayNode arr = r.putArray("Instances");
            members.forEach(m -> arr.add(shape.apply(m)));
            r.put("OwnerId", OWNER_ID);
            r.put("ReservationId", rid);
        });
        return root;
    }

    public static ObjectNode stateChanges(String key, List<StateChange> changes) {
        ObjectNode root = F.objectNode();
        ArrayNode list = root.putArray(key);
        for (StateChange c : changes) {
            ObjectNode n = list.addObject();
            n.set("CurrentState", state(c.current()));
            n.put("InstanceId", c.instanceId());
            n.set("PreviousState", state(c.previous()));
        }
        return root;
    }

    /** DescribeInstanceStatus: one entry per instance, status checks with their reachability detail. */
    public static ObjectNode instanceStatuses(List<InstanceStatus> statuses) {
        ObjectNode root = F.objectNode();
        ArrayNode list = root.putArray("InstanceStatuses");
        for (InstanceStatus s : statuses) {
            ObjectNode n = list.addObject();
            n.put("AvailabilityZone", Placement.AVAILABILITY_ZONE);
            n.put("InstanceId", s.instance().instanceId());
            n.set("InstanceState", state(s.instance().state()));
            n.set("InstanceStatus", check(s.check(), s.impairedSince()));
            n.set("SystemStatus", check(s.systemCheck(), Optional.empty()));
        }
        return root;
    }

    private static ObjectNode check(InstanceStatus.Check c, Optional<Instant> impairedSince) {
        ObjectNode n = F.objectNode();
        if (c.detail() != null) {
            ObjectNode d = n.putArray("Details").addObject();
            impairedSince.ifPresent(t -> d.put("ImpairedSince", time(t)));
            d.put("Name", "reachability");
            d.put("Status", c.detail());
        }
        n.put("Status", c.label());
        return n;
    }

    public static ObjectNode image(Image i) {
        ObjectNode n = F.objectNode();
        n.put("Architecture", i.architecture());
        n.put("CreationDate", time(i.creationDate()));
        n.put("ImageId", i.imageId());
        n.put("ImageLocation", "labvisor/" + i.name());
        n.put("ImageType", "machine");
        n.put("Public", false);
        n.put("OwnerId", OWNER_ID);
        n.put("PlatformDetails", "Linux/UNIX");
        n.put("State", i.state().label());
        ArrayNode bdm = n.putArray("BlockDeviceMappings");
        i.blockDeviceMappings().forEach(m -> {
            ObjectNode b = bdm.addObject();
            b.put("DeviceName", m.deviceName());
            ObjectNode ebs = b.putObject("Ebs");
            ebs.put("DeleteOnTermination", m.ebs().deleteOnTermination());
            ebs.put("VolumeSize", m.ebs().volumeSize());
            ebs.put("VolumeType", m.ebs().volumeType());
        });
        if (i.description() != null) {
            n.put("Description", i.description());
        }
        n.put("Hypervisor", "xen");
        n.put("Name", i.name());
        n.put("RootDeviceName", i.rootDeviceName());
        n.put("RootDeviceType", "ebs");
        n.put("VirtualizationType", "hvm");
        n.put("BootMode", "legacy-bios");
        ObjectNode lab = n.putObject("Labvisor");
        lab.put("BootMode", i.bootMode().label());
        if (i.kernelCmdline() != null) {
            lab.put("KernelCmdline", i.kernelCmdline());
        }
        lab.put("ManifestSha256", i.manifestSha256());
        return n;
    }
}
