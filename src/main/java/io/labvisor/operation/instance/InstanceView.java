package io.labvisor.operation.instance;

import io.labvisor.catalog.InstanceType;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.compute.InstanceService;
import io.labvisor.compute.InstanceState;
import io.labvisor.ec2.Account;
import io.labvisor.ec2.Placement;
import io.labvisor.net.Subnet;
import io.labvisor.net.sg.SecurityGroupService;
import io.labvisor.operation.TagItem;
import io.labvisor.operation.instance.InstanceResponses.BlockDevice;
import io.labvisor.operation.instance.InstanceResponses.CpuOptions;
import io.labvisor.operation.instance.InstanceResponses.EbsDevice;
import io.labvisor.operation.instance.InstanceResponses.GroupIdentifier;
import io.labvisor.operation.instance.InstanceResponses.Instance;
import io.labvisor.operation.instance.InstanceResponses.Monitoring;
import io.labvisor.operation.instance.InstanceResponses.NetworkInterface;
import io.labvisor.operation.instance.InstanceResponses.Reservation;
import io.labvisor.operation.instance.InstanceResponses.State;
import io.labvisor.operation.instance.InstanceResponses.StateChange;
import io.labvisor.operation.instance.InstanceResponses.StateReason;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagService;
import io.labvisor.volume.Volume;
import io.labvisor.volume.VolumeRepository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An instance as EC2 shows it, from its row and what lies beside it: volumes, threads per core, subnet, tags,
 * security groups. As EC2, a terminated instance has no network interfaces and no subnet or VPC.
 */
public final class InstanceView {
    private final Beside beside;

    /** What an instance's view needs besides its row. */
    public interface Beside {
        List<Volume> volumes(String instanceId);

        int threadsPerCore(String instanceType);

        Optional<Subnet> subnet(io.labvisor.compute.Instance i);

        List<Tag> tags(String instanceId);

        List<String> securityGroups(String instanceId);
    }

    public InstanceView(Beside beside) {
        this.beside = beside;
    }

    public InstanceView(InstanceTypeCatalog catalog, VolumeRepository volumes, InstanceService instances,
                        TagService tags, SecurityGroupService groups) {
        this(new Beside() {
            @Override
            public List<Volume> volumes(String instanceId) {
                return volumes.attachedTo(instanceId);
            }

            @Override
            public int threadsPerCore(String instanceType) {
                return catalog.find(instanceType).map(InstanceType::threadsPerCore).orElse(1);
            }

            @Override
            public Optional<Subnet> subnet(io.labvisor.compute.Instance i) {
                return instances.subnetOf(i);
            }

            @Override
            public List<Tag> tags(String instanceId) {
                return tags.of(instanceId);
            }

            @Override
            public List<String> securityGroups(String instanceId) {
                return groups.groupsOf(instanceId);
            }
        });
    }

    public static InstanceView of(io.labvisor.Labvisor lv) {
        return new InstanceView(lv.catalog(), lv.volumes(), lv.instances(), lv.tags(), lv.securityGroups());
    }

    /** Instances grouped by reservation, in first-seen order (DescribeInstances' reservationSet). */
    public List<Reservation> reservations(List<io.labvisor.compute.Instance> found) {
        Map<String, List<io.labvisor.compute.Instance>> byReservation = new LinkedHashMap<>();
        found.forEach(i -> byReservation.computeIfAbsent(i.reservationId(), k -> new ArrayList<>()).add(i));
        List<Reservation> out = new ArrayList<>();
        byReservation.forEach((id, members) -> out.add(reservation(id, members)));
        return out;
    }

    public Reservation reservation(String reservationId, List<io.labvisor.compute.Instance> members) {
        return new Reservation(reservationId, Account.OWNER_ID, List.of(), members.stream().map(this::of).toList());
    }

    public Instance of(io.labvisor.compute.Instance i) {
        List<Volume> attached = beside.volumes(i.instanceId());
        int threads = beside.threadsPerCore(i.instanceType());
        boolean terminated = i.state() == InstanceState.TERMINATED;
        Optional<Subnet> subnet = terminated ? Optional.empty() : beside.subnet(i);
        String subnetId = subnet.map(Subnet::subnetId).orElse(null);
        String vpcId = subnet.map(Subnet::vpcId).orElse(null);
        List<NetworkInterface> enis = terminated ? List.of() : List.of(new NetworkInterface("in-use", i.mac(),
                i.privateIp().orElse(null), subnetId, vpcId));
        List<BlockDevice> devices = attached.stream().map(v -> new BlockDevice(v.deviceName().orElse(""),
                new EbsDevice(v.volumeId(), terminated ? "detached" : "attached", v.attachTime().orElse(v.createTime()),
                        v.deleteOnTermination()))).toList();
        String root = attached.stream().filter(Volume::isRoot).map(v -> v.deviceName().orElse("")).findFirst()
                .orElse("/dev/xvda");
        StateReason reason = i.stateReason() == null ? null
                : new StateReason(i.stateReason().split(": ", 2)[0], i.stateReason());
        return new Instance(i.instanceId(), i.imageId(), state(i.state()), "",
                i.stateReason() == null ? "" : i.stateReason(), i.launchIndex(), List.of(), i.instanceType(),
                i.launchTime(), new InstanceResponses.Placement(Placement.AVAILABILITY_ZONE, "", "default"),
                new Monitoring("disabled"), i.privateIp().orElse(null), subnetId, vpcId,
                beside.securityGroups(i.instanceId()).stream().map(GroupIdentifier::new).toList(), reason, "x86_64", "ebs",
                root, devices, "hvm", "xen", TagItem.of(beside.tags(i.instanceId())), enis, false,
                new CpuOptions(Math.max(1, i.vcpus() / Math.max(1, threads)), threads), "Linux/UNIX",
                new InstanceResponses.Labvisor(i.accel(), i.ioProfile().label(), i.instanceId(), i.network(),
                        i.consoleLog()));
    }

    public static State state(InstanceState s) {
        return new State(s.code(), s.label());
    }

    public static List<StateChange> changes(List<io.labvisor.compute.StateChange> changes) {
        return changes.stream().map(c -> new StateChange(c.instanceId(), state(c.current()), state(c.previous())))
                .toList();
    }
}
