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
import io.labvisor.virt.Domains;
import io.labvisor.virt.LibvirtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * RunInstances, DescribeInstances, TerminateInstances and GetConsoleOutput. Launch is all-or-nothing: capacity is
 * reserved and rows inserted in one transaction, and if any domain of the reservation fails to come up, every
 * domain, volume and row of it is removed again.
 */
public final class InstanceService {
    private static final Logger log = LoggerFactory.getLogger(InstanceService.class);
    private static final int MAX_COUNT = 64;

    private final LabvisorConfig config;
    private final LibvirtSession libvirt;
    private final InstanceTypeCatalog catalog;
    private final ImageService images;
    private final InstanceRepository instances;
    private final HostCapacity capacity;
    private final Supplier<Accelerator> accel;
    private final InstanceLauncher launcher;
    private final InstanceTerminator terminator;

    public InstanceService(LabvisorConfig config, LibvirtSession libvirt, InstanceTypeCatalog catalog,
                           ImageService images, InstanceRepository instances, InstanceLauncher launcher,
                           InstanceTerminator terminator, HostCapacity capacity, Supplier<Accelerator> accel) {
        this.config = config;
        this.libvirt = libvirt;
        this.catalog = catalog;
        this.images = images;
        this.instances = instances;
        this.capacity = capacity;
        this.accel = accel;
        this.launcher = launcher;
        this.terminator = terminator;
    }

    public Reservation run(RunRequest request) {
        if (request.minCount() < 1 || request.maxCount() < request.minCount()) {
            throw Ec2Exception.invalidParameter("MinCount must be at least 1 and MaxCount at least MinCount");
        }
        if (request.maxCount() > MAX_COUNT) {
            throw Ec2Exception.invalidParameter("MaxCount may be at most " + MAX_COUNT + " on this host");
        }
        InstanceType type = catalog.require(request.instanceType());
        Image image = images.require(request.imageId());
        IoProfile profile = request.ioProfile().orElse(IoProfile.VIRTIO);
        Accelerator accelerator = accel.get();
        String reservationId = ResourceId.RESERVATION.next();
        List<Instance> reserved = reserve(request, type, image, profile, accelerator, reservationId);
        List<Instance> launched = new ArrayList<>();
        try {
            for (Instance instance : reserved) {
                launcher.launch(instance, type, image);
                launched.add(instance);
            }
        } catch (RuntimeException e) {
            log.warn("launch of reservation {} failed, rolling back {} instance(s): {}", reservationId,
                    reserved.size(), e.getMessage());
            for (Instance instance : reserved) {
                terminator.discard(instance);
            }
            throw e instanceof Ec2Exception ec2 ? ec2
                    : new Ec2Exception(ErrorCode.INTERNAL_ERROR, "Launch failed: " + e.getMessage(), e);
        }
        return new Reservation(reservationId, launched.stream()
                .map(i -> instances.find(i.instanceId()).orElse(i)).toList());
    }

    /** Takes as many instances as fit between min and max count, atomically with the capacity check. */
    private List<Instance> reserve(RunRequest request, InstanceType type, Image image, IoProfile profile,
                                   Accelerator accelerator, String reservationId) {
        List<Domains.Usage> running = libvirt.domains().activeUsage();
        return instances.database().inTransaction(c -> {
            List<Instance> current = InstanceRepository.holdingCapacity(c);
            int count = request.maxCount();
            while (count > request.minCount() && !fits(current, running, type, count)) {
                count--;
            }
            capacity.check(current, running, type.name(), type.vcpus(), type.memoryMiB(), count);
            Instant now = Instant.now();
            List<Instance> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = ResourceId.INSTANCE.next();
                Instance instance = new Instance(id, reservationId, image.imageId(), type.name(), i,
                        InstanceState.PENDING, null, now, now, type.memoryMiB(), type.vcpus(), accelerator.label(),
                        profile, MacAddresses.random(), java.util.Optional.empty(), io.labvisor.net.DefaultNetwork.NAME,
                        config.consoleDir().resolve(id + ".log").toString());
                InstanceRepository.insert(c, instance);
                out.add(instance);
            }
            return out;
        });
    }

    private boolean fits(List<Instance> current, List<Domains.Usage> running, InstanceType type, int count) {
        try {
            capacity.check(current, running, type.name(), type.vcpus(), type.memoryMiB(), count);
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
                .filter(i -> InstanceFilters.matches(i, filters))
                .toList();
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
        for (Instance instance : targets) {
            changes.add(terminator.terminate(instance));
        }
        return changes;
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
