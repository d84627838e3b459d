package io.labvisor.compute;

import io.labvisor.accel.Accelerator;
import io.labvisor.catalog.InstanceType;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.config.LabvisorConfig;
import io.labvisor.console.ConsoleLog;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import io.labvisor.ec2.ResourceId;
import io.labvisor.image.Image;
import io.labvisor.image.ImageService;
import io.labvisor.net.IpAllocator;
import io.labvisor.net.Subnet;
import io.labvisor.net.VpcService;
import io.labvisor.net.sg.SecurityGroupRepository;
import io.labvisor.net.sg.SecurityGroupService;
import io.labvisor.store.IntentJournal;
import io.labvisor.store.IntentKind;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TagFilters;
import io.labvisor.tag.TagSpecification;
import io.labvisor.tag.TaggedResource;
import io.labvisor.tag.Tag;
import io.labvisor.virt.Domains;
import io.labvisor.virtxml.NetworkSpec;
import io.labvisor.virt.LibvirtHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * RunInstances, DescribeInstances, Stop/Start/Reboot/TerminateInstances, DescribeInstanceStatus,
 * ModifyInstanceAttribute (type) and GetConsoleOutput. Launch is all-or-nothing: capacity is reserved and rows
 * inserted in one transaction, and if any domain of the reservation fails to come up, every domain, volume and
 * row of it is removed again. Stop, start and reboot check every id and state before any instance is touched.
 * Operations run at once from many clients: capacity is taken in the same transaction that checks it (the rows are
 * inserted pending, and pending rows hold capacity), so two launches never both get the last of it; an instance
 * terminated while it is being launched stops its launch at the launch's next step ({@link LaunchLease}) and the
 * rest of the reservation goes on.
 */
public final class InstanceService {
    private static final Logger log = LoggerFactory.getLogger(InstanceService.class);
    private static final int MAX_COUNT = 64;

    private final LabvisorConfig config;
    private final LibvirtHost libvirt;
    private final InstanceTypeCatalog catalog;
    private final ImageService images;
    private final InstanceRepository instances;
    private final HostCapacity capacity;
    private final Supplier<Accelerator> accel;
    private final InstanceLauncher launcher;
    private final InstanceTerminator terminator;
    private final InstanceStopper stopper;
    private final UserDataStore userData;
    private final VpcService vpcs;
    private final SecurityGroupService groups;
    private final TagService tags;
    private final InstancesInFlight inFlight;
    private final IntentJournal intents;

    public InstanceService(LabvisorConfig config, LibvirtHost libvirt, InstanceTypeCatalog catalog,
                           ImageService images, InstanceRepository instances, InstanceLauncher launcher,
                           InstanceTerminator terminator, InstanceStopper stopper, UserDataStore userData, VpcService vpcs,
                           SecurityGroupService groups,
                           HostCapacity capacity,
                           Supplier<Accelerator> accel, TagService tags, InstancesInFlight inFlight,
                           IntentJournal intents) {
        this.tags = tags;
        this.intents = intents;
        this.inFlight = inFlight;
        this.config = config;
        this.libvirt = libvirt;
        this.catalog = catalog;
        this.images = images;
        this.instances = instances;
        this.capacity = capacity;
        this.accel = accel;
        this.launcher = launcher;
        this.terminator = terminator;
        this.stopper = stopper;
        this.userData = userData;
        this.vpcs = vpcs;
        this.groups = groups;
    }

    public Reservation run(RunRequest request) {
        if (request.minCount() < 1 || request.maxCount() < request.minCount()) {
            throw Ec2Exception.invalidParameter("MinCount must be at least 1 and MaxCount at least MinCount");
        }
        if (request.maxCount() > MAX_COUNT) {
            throw Ec2Exception.invalidParameter("MaxCount may be at most " + MAX_COUNT + " on this host");
        }
        request.userData().ifPresent(UserDataStore::check);
        List<Tag> instanceTags = TagSpecification.tagsFor(request.tagSpecifications(), TaggedResource.INSTANCE);
        List<Tag> volumeTags = TagSpecification.tagsFor(request.tagSpecifications(), TaggedResource.VOLUME);
        TagSpecification.check(request.tagSpecifications(), List.of(TaggedResource.INSTANCE, TaggedResource.VOLUME));
        InstanceType type = catalog.require(request.instanceType());
        Image image = images.require(request.imageId());
        IoProfile profile = request.ioProfile().orElse(IoProfile.defaultFor(type.hypervisor()));
        Accelerator accelerator = accel.get();
        String reservationId = ResourceId.RESERVATION.next();
        Subnet subnet = vpcs.forLaunch(request.subnetId());
        List<String> groupIds = groups.forLaunch(subnet.vpcId(), request.securityGroupIds());
        LaunchVolumes.Plan volumesPlan = launcher.checkMappings(image, request.blockDeviceMappings());
        Reserved r = reserve(request, type, image, profile, accelerator, reservationId, subnet, groupIds);
        List<Instance> reserved = r.instances();
        List<String> ids = reserved.stream().map(Instance::instanceId).toList();
        LaunchLease lease = new LaunchLease(instances, java.time.Clock.systemUTC(), ids);
        try (IntentJournal.Entry intent = intents.entry(r.intent());
             InstancesInFlight.Handle held = inFlight.hold(ids)) { // the rollback included
            try {
                tags.tagNew(TaggedResource.INSTANCE, ids, instanceTags);
                for (Instance instance : reserved) {
                    launchOne(instance, request, subnet, type, image, volumesPlan, volumeTags, lease);
                }
            } catch (RuntimeException e) {
                log.warn("launch of reservation {} failed, rolling back {} instance(s): {}", reservationId,
                        reserved.size(), e.getMessage());
                for (Instance instance : reserved) {
                    try (InstancesInFlight.Handle mine = inFlight.exclusive(instance.instanceId())) {
                        terminator.discard(instance);
                    }
                }
                throw e instanceof Ec2Exception ec2 ? ec2
                        : new Ec2Exception(ErrorCode.INTERNAL_ERROR, "Launch failed: " + e.getMessage(), e);
            }
        }
        return new Reservation(reservationId, reserved.stream()
                .map(i -> instances.find(i.instanceId()).orElse(i)).toList());
    }

    /**
     * One instance of a reservation, under its lock. One terminated meanwhile (before or during its launch) is left
     * to its termination; the reservation goes on.
     */
    private void launchOne(Instance instance, RunRequest request, Subnet subnet, InstanceType type, Image image,
                           LaunchVolumes.Plan volumesPlan, List<Tag> volumeTags, LaunchLease lease) {
        try (InstancesInFlight.Handle mine = inFlight.exclusive(instance.instanceId())) {
            lease.renew(instance.instanceId());
            request.userData().ifPresent(data -> userData.write(instance.instanceId(), data));
            groups.admit(instance.instanceId(), subnet.vpcId());
            launcher.launch(instance, type, image, volumesPlan, lease);
            tags.tagNew(TaggedResource.VOLUME, launcher.rootVolumeIds(instance.instanceId()), volumeTags);
        } catch (LaunchLease.Cancelled e) {
            log.info("{} was terminated while it was launched: {}", instance.instanceId(), e.getMessage());
        } finally {
            lease.finished(instance.instanceId());
        }
    }

    /** The block device mappings' checks of {@link #run}, creating nothing (the API's DryRun runs them too). */
    public void checkBlockDeviceMappings(RunRequest request) {
        launcher.checkMappings(images.require(request.imageId()), request.blockDeviceMappings());
    }

    /** The reserved instances and the launch intent recorded with them. */
    private record Reserved(List<Instance> instances, long intent) {
    }

    /**
     * Takes as many instances as fit between min and max count, atomically with the capacity check, and records
     * the launch intent in the same transaction: a row is never without the intent that will settle it.
     */
    private Reserved reserve(RunRequest request, InstanceType type, Image image, IoProfile profile,
                                   Accelerator accelerator, String reservationId, Subnet subnet,
                                   List<String> groupIds) {
        List<Domains.Usage> running = libvirt.domains().activeUsage();
        // Taken in libvirt: static hosts (other labvisor states share the default network) and unexpired leases.
        // dnsmasq will not hand a host its configured address while another MAC still holds a lease on it (a
        // terminated instance's, or a dynamic one), and the guest would get a dynamic address its filter drops.
        Set<String> leased = new java.util.HashSet<>();
        libvirt.networks().xml(subnet.network()).map(NetworkSpec::parse)
                .ifPresent(n -> n.dhcpHosts().forEach(h -> leased.add(h.ip())));
        libvirt.networks().leases(subnet.network()).forEach(l -> leased.add(l.ip()));
        return instances.database().inTransaction(c -> {
            List<Instance> current = InstanceRepository.holdingCapacity(c);
            int count = request.maxCount();
            while (count > request.minCount() && !fits(current, running, type, profile, count)) {
                count--;
            }
            capacity.check(current, running, type.name(), type.vcpus(), type.memoryMiB(), profile, count);
            Instant now = Instant.now();
            List<Instance> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = ResourceId.INSTANCE.next();
                String ip = IpAllocator.allocate(c, subnet, id, leased);
                Instance instance = new Instance(id, reservationId, image.imageId(), type.name(), i,
                        InstanceState.PENDING, null, now, now, type.memoryMiB(), type.vcpus(), accelerator.label(),
                        profile, MacAddresses.random(), java.util.Optional.of(ip), subnet.network(),
                        config.consoleDir().resolve(id + ".log").toString());
                InstanceRepository.insert(c, instance);
                InstanceRepository.setLaunchDeadline(c, id, LaunchLease.deadlineFrom(now));
                SecurityGroupRepository.attach(c, id, groupIds);
                out.add(instance);
            }
            long intent = IntentJournal.record(c, IntentKind.LAUNCH, out.stream().map(Instance::instanceId).toList(),
                    java.util.Map.of("reservation", reservationId));
            return new Reserved(out, intent);
        });
    }

    private boolean fits(List<Instance> current, List<Domains.Usage> running, InstanceType type, IoProfile profile,
                         int count) {
        try {
            capacity.check(current, running, type.name(), type.vcpus(), type.memoryMiB(), profile, count);
            return true;
        } catch (Ec2Exception e) {
            return false;
        }
    }

    public List<Instance> describe(List<String> instanceIds, List<Filter> filters) {
        for (String id : instanceIds) {
            if (!ResourceId.INSTANCE.isValid(id)) {
                throw new Ec2Exception(ErrorCode.INVALID_INSTANCE_ID_MALFORMED, "Invalid id: \"" + id + "\"");
            }
        }
        List<Instance> all = instances.all();
        List<String> missing = instanceIds.stream()
                .filter(id -> all.stream().noneMatch(i -> i.instanceId().equals(id))).toList();
        if (!missing.isEmpty()) {
            throw notFound(missing);
        }
        return all.stream()
                .filter(i -> instanceIds.isEmpty() || instanceIds.contains(i.instanceId()))
                .filter(i -> InstanceFilters.matches(i, TagFilters.withoutTags(filters), this::subnetOf))
                .collect(Collectors.collectingAndThen(Collectors.toList(),
                        list -> tags.filter(list, Instance::instanceId, filters)));
    }

    /** The subnet an instance's NIC is on (empty for rows older than VPCs whose network is unknown). */
    public java.util.Optional<Subnet> subnetOf(Instance i) {
        return vpcs.subnetOnNetwork(i.network());
    }

    public Instance require(String instanceId) {
        return describe(List.of(instanceId), List.of()).get(0);
    }

    /** Terminates each instance; all ids are checked before any instance is touched. */
    public List<StateChange> terminate(List<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter InstanceId");
        }
        List<Instance> targets = describe(instanceIds, List.of());
        List<StateChange> changes = new ArrayList<>();
        List<String> ids = targets.stream().map(Instance::instanceId).toList();
        try (IntentJournal.Entry intent = intents.begin(IntentKind.TERMINATE, ids, java.util.Map.of());
             InstancesInFlight.Handle held = inFlight.hold(ids)) {
            // all shutting down first: a launch or start in progress on one stops at its next step
            targets.forEach(terminator::beginTermination);
            for (Instance instance : targets) {
                try (InstancesInFlight.Handle mine = inFlight.exclusive(instance.instanceId())) {
                    changes.add(terminator.terminate(instance));
                }
            }
        }
        return changes;
    }

    /**
     * StopInstances: running instances go to stopping and are powered off (gracefully unless {@code force});
     * reports the stopping state, as EC2 does. Stopped and stopping instances are reported unchanged.
     */
    public List<StateChange> stop(List<String> instanceIds, boolean force) {
        List<Instance> targets = targets(instanceIds, PowerAction.STOP);
        List<String> acting = targets.stream().filter(i -> PowerAction.STOP.acts(i.state()))
                .map(Instance::instanceId).toList();
        if (acting.isEmpty()) {
            return targets.stream().map(i -> new StateChange(i.instanceId(), i.state(), i.state())).toList();
        }
        try (IntentJournal.Entry intent = intents.begin(IntentKind.STOP, acting, java.util.Map.of())) {
            return stopTargets(targets, force);
        }
    }

    private List<StateChange> stopTargets(List<Instance> targets, boolean force) {
        List<StateChange> changes = new ArrayList<>();
        List<String> stopping = new ArrayList<>();
        for (Instance i : targets) {
            if (!PowerAction.STOP.acts(i.state())) {
                changes.add(new StateChange(i.instanceId(), i.state(), i.state()));
                continue;
            }
            instances.transition(i.instanceId(), List.of(InstanceState.RUNNING), InstanceState.STOPPING,
                            InstanceTerminator.USER_SHUTDOWN)
                    .orElseThrow(() -> PowerAction.STOP.incorrectState(i.instanceId()));
            stopping.add(i.instanceId());
            changes.add(new StateChange(i.instanceId(), i.state(), InstanceState.STOPPING));
        }
        try (InstancesInFlight.Handle held = inFlight.hold(stopping)) {
            stopper.stop(stopping, force);
        }
        return changes;
    }

    /**
     * StartInstances: capacity for all of them is checked and taken (stopped to pending) in one transaction, so a
     * start that does not fit leaves every instance stopped; libvirt's STARTED event then makes each running.
     */
    public List<StateChange> start(List<String> instanceIds) {
        List<Instance> targets = targets(instanceIds, PowerAction.START);
        try (IntentJournal.Entry intent = intents.begin(IntentKind.START,
                targets.stream().map(Instance::instanceId).toList(), java.util.Map.of())) {
            return startTargets(targets);
        }
    }

    private List<StateChange> startTargets(List<Instance> targets) {
        List<Domains.Usage> active = libvirt.domains().activeUsage();
        instances.database().inTransaction(c -> {
            List<Instance> holding = new ArrayList<>(InstanceRepository.holdingCapacity(c));
            for (Instance i : targets) {
                capacity.check(holding, active, i.instanceType(), i.vcpus(), i.memoryMiB(), i.ioProfile(), 1);
                holding.add(InstanceRepository.transition(c, i.instanceId(), List.of(InstanceState.STOPPED),
                                InstanceState.PENDING, null)
                        .orElseThrow(() -> PowerAction.START.incorrectState(i.instanceId())));
                InstanceRepository.setLaunchDeadline(c, i.instanceId(), LaunchLease.deadlineFrom(Instant.now()));
            }
            return null;
        });
        List<StateChange> changes = new ArrayList<>();
        List<String> ids = targets.stream().map(Instance::instanceId).toList();
        LaunchLease lease = new LaunchLease(instances, java.time.Clock.systemUTC(), ids);
        try (InstancesInFlight.Handle held = inFlight.hold(ids)) {
            for (Instance i : targets) {
                try (InstancesInFlight.Handle mine = inFlight.exclusive(i.instanceId())) {
                    startOne(i, lease);
                } finally {
                    lease.finished(i.instanceId());
                }
                changes.add(new StateChange(i.instanceId(), InstanceState.STOPPED, InstanceState.PENDING));
            }
        }
        return changes;
    }

    private void startOne(Instance i, LaunchLease lease) {
        try {
            launcher.restart(i, catalog.require(i.instanceType()), images.require(i.imageId()), lease);
        } catch (LaunchLease.Cancelled e) {
            log.info("{} was terminated while it was started: {}", i.instanceId(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("starting {} failed: {}", i.instanceId(), e.getMessage());
            instances.transition(i.instanceId(), List.of(InstanceState.PENDING), InstanceState.STOPPED,
                    START_FAILED);
            throw e instanceof Ec2Exception ec2 ? ec2
                    : new Ec2Exception(ErrorCode.INTERNAL_ERROR, "Start failed: " + e.getMessage(), e);
        }
    }

    static final String START_FAILED = "Server.InternalError: The instance failed to start";

    /** RebootInstances: an ACPI reboot of running instances; they stay running. */
    public void reboot(List<String> instanceIds) {
        for (Instance i : targets(instanceIds, PowerAction.REBOOT)) {
            libvirt.domains().reboot(i.instanceId());
        }
    }

    /** Every id exists and every instance may take the action, or nothing happens. */
    private List<Instance> targets(List<String> instanceIds, PowerAction action) {
        if (instanceIds == null || instanceIds.isEmpty()) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter InstanceId");
        }
        List<Instance> targets = describe(instanceIds, List.of());
        targets.forEach(action::require);
        return targets;
    }

    /**
     * ModifyInstanceAttribute InstanceType: only while stopped. The row takes the new type; the next start plans
     * the domain from it (and checks its capacity then), as every start redefines the domain anyway.
     */
    public void modifyInstanceType(String instanceId, String typeName) {
        Instance instance = require(instanceId);
        InstanceType type = catalog.require(typeName);
        if (instance.state() != InstanceState.STOPPED
                || !instances.changeType(instanceId, type.name(), type.memoryMiB(), type.vcpus())) {
            throw new Ec2Exception(ErrorCode.INCORRECT_INSTANCE_STATE,
                    "The instance '" + instanceId + "' is not in the 'stopped' state.");
        }
        log.info("{} is now {} (from {})", instanceId, type.name(), instance.instanceType());
    }

    /**
     * DescribeInstanceStatus: running instances (all of them with {@code includeAll}), with their status checks
     * read from the console: ok once the guest printed READY in this boot, impaired when it has not within
     * {@link InstanceStatus#IMPAIRED_AFTER} of entering running.
     */
    public List<InstanceStatus> statuses(List<String> instanceIds, boolean includeAll, List<Filter> filters) {
        Instant now = Instant.now();
        return describe(instanceIds, filters).stream()
                .filter(i -> includeAll || i.state() == InstanceState.RUNNING)
                .map(i -> InstanceStatus.of(i, now))
                .toList();
    }

    /** DescribeInstanceAttribute userData: the raw bytes, empty when the instance has none. */
    public java.util.Optional<byte[]> userData(String instanceId) {
        return userData.read(require(instanceId).instanceId());
    }

    public String consoleOutput(String instanceId) {
        Instance instance = require(instanceId);
        return new ConsoleLog(java.nio.file.Path.of(instance.consoleLog())).tail();
    }

    static Ec2Exception notFound(List<String> ids) {
        return new Ec2Exception(ErrorCode.INVALID_INSTANCE_ID_NOT_FOUND,
                "The instance ID" + (ids.size() > 1 ? "s '" : " '") + String.join(", ", ids) + "' do"
                        + (ids.size() > 1 ? "" : "es") + " not exist");
    }
}
