package io.labvisor.operation.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.catalog.InstanceType;
import io.labvisor.catalog.InstanceTypeCatalog;
import io.labvisor.compute.InstanceAttribute;
import io.labvisor.compute.InstanceService;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.RunRequest;
import io.labvisor.compute.VolumeAttachments;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Placement;
import io.labvisor.image.ImageService;
import io.labvisor.operation.Operation;
import io.labvisor.operation.Page;
import io.labvisor.operation.Paged;
import io.labvisor.operation.Pager;
import io.labvisor.operation.Returned;
import io.labvisor.operation.instance.InstanceRequests.DeleteOnTerminationChange;
import io.labvisor.operation.instance.InstanceResponses.AttributeValue;
import io.labvisor.operation.instance.InstanceResponses.ConsoleOutput;
import io.labvisor.tag.TagSpecification;
import io.labvisor.tag.TaggedResource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.labvisor.operation.Operation.of;

/** The instance operations: launch, describe, the lifecycle verbs, status checks, attributes, console, types. */
public final class InstanceOperations {
    /** As labvisor's CLI; EC2's own default, m1.small, is not in the catalog. */
    static final String DEFAULT_TYPE = "t3.micro";
    private static final Pager DESCRIBE = new Pager("DescribeInstances", 5, 1000);
    private static final Pager STATUS = new Pager("DescribeInstanceStatus", 5, 1000);
    private static final Pager TYPES = new Pager("DescribeInstanceTypes", 5, 100);

    private final InstanceTypeCatalog catalog;
    private final ImageService images;
    private final InstanceService instances;
    private final VolumeAttachments attachments;
    private final InstanceView view;
    private final ClientTokens<InstanceResponses.Reservation> clientTokens = new ClientTokens<>();

    public InstanceOperations(InstanceTypeCatalog catalog, ImageService images, InstanceService instances,
                              VolumeAttachments attachments, InstanceView view) {
        this.catalog = catalog;
        this.images = images;
        this.instances = instances;
        this.attachments = attachments;
        this.view = view;
    }

    public List<Operation<?, ?>> all() {
        return List.of(
                of("RunInstances", InstanceRequests.RunInstances.class, InstanceResponses.Reservation.class, this::run),
                of("DescribeInstances", InstanceRequests.DescribeInstances.class,
                        InstanceResponses.DescribeInstances.class, this::describe),
                of("StartInstances", InstanceRequests.StartInstances.class, InstanceResponses.StartInstances.class,
                        this::start),
                of("StopInstances", InstanceRequests.StopInstances.class, InstanceResponses.StopInstances.class,
                        this::stop),
                of("RebootInstances", InstanceRequests.RebootInstances.class, Returned.class, this::reboot),
                of("TerminateInstances", InstanceRequests.TerminateInstances.class,
                        InstanceResponses.TerminateInstances.class, this::terminate),
                of("DescribeInstanceStatus", InstanceRequests.DescribeInstanceStatus.class,
                        InstanceResponses.DescribeInstanceStatus.class, this::statuses),
                of("DescribeInstanceAttribute", InstanceRequests.DescribeInstanceAttribute.class,
                        InstanceResponses.InstanceAttribute.class, this::describeAttribute),
                of("ModifyInstanceAttribute", InstanceRequests.ModifyInstanceAttribute.class, Returned.class,
                        this::modifyAttribute),
                of("GetConsoleOutput", InstanceRequests.GetConsoleOutput.class, ConsoleOutput.class,
                        this::consoleOutput),
                of("DescribeInstanceTypes", InstanceRequests.DescribeInstanceTypes.class,
                        InstanceResponses.DescribeInstanceTypes.class, this::describeTypes));
    }

    private Operation.Prepared<InstanceResponses.Reservation> run(InstanceRequests.RunInstances q) {
        String type = Optional.ofNullable(q.instanceType()).orElse(DEFAULT_TYPE);
        Optional<IoProfile> profile = Optional.ofNullable(q.ioProfile()).map(IoProfile::parse);
        if (q.clientToken() != null && q.clientToken().length() > 64) {
            throw Ec2Exception.invalidParameter("ClientToken may be at most 64 characters");
        }
        clientTokens.check(q.clientToken(), q);
        TagSpecification.check(q.tagSpecifications(), List.of(TaggedResource.INSTANCE, TaggedResource.VOLUME));
        int min = required(q.minCount(), "MinCount");
        int max = required(q.maxCount(), "MaxCount");
        if (min < 1 || max < min) {
            throw Ec2Exception.invalidParameter("MinCount must be at least 1 and MaxCount at least MinCount");
        }
        catalog.require(type);
        images.require(q.imageId());
        RunRequest request = new RunRequest(q.imageId(), type, min, max, profile)
                .withSecurityGroups(q.securityGroupIds()).withTagSpecifications(q.tagSpecifications())
                .withBlockDeviceMappings(q.blockDeviceMappings());
        if (q.subnetId() != null) {
            request = request.withSubnet(q.subnetId());
        }
        if (q.userData() != null) {
            request = request.withUserData(q.userData());
        }
        instances.checkBlockDeviceMappings(request);
        RunRequest checked = request;
        return () -> clientTokens.once(q.clientToken(), q, () -> {
            io.labvisor.compute.Reservation r = instances.run(checked);
            return view.reservation(r.reservationId(), r.instances());
        });
    }

    private Operation.Prepared<InstanceResponses.DescribeInstances> describe(InstanceRequests.DescribeInstances q) {
        Pager.Request paging = DESCRIBE.read(Optional.ofNullable(q.maxResults()), Optional.ofNullable(q.nextToken()));
        if (paging.paged() && !q.instanceIds().isEmpty()) {
            throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        Page<io.labvisor.compute.Instance> page = paging.page(instances.describe(q.instanceIds(), q.filters()));
        return () -> new InstanceResponses.DescribeInstances(view.reservations(page.items()),
                page.nextToken().orElse(null));
    }

    private Operation.Prepared<InstanceResponses.StartInstances> start(InstanceRequests.StartInstances q) {
        List<String> ids = existing(q.instanceIds());
        return () -> new InstanceResponses.StartInstances(InstanceView.changes(instances.start(ids)));
    }

    /** The guest gets the ACPI power button first, unless Force. */
    private Operation.Prepared<InstanceResponses.StopInstances> stop(InstanceRequests.StopInstances q) {
        List<String> ids = existing(q.instanceIds());
        boolean force = Boolean.TRUE.equals(q.force());
        return () -> new InstanceResponses.StopInstances(InstanceView.changes(instances.stop(ids, force)));
    }

    private Operation.Prepared<Returned> reboot(InstanceRequests.RebootInstances q) {
        List<String> ids = existing(q.instanceIds());
        return () -> {
            instances.reboot(ids);
            return Returned.TRUE;
        };
    }

    /** Every id is checked before any instance is touched. */
    private Operation.Prepared<InstanceResponses.TerminateInstances> terminate(InstanceRequests.TerminateInstances q) {
        List<String> ids = existing(q.instanceIds());
        return () -> new InstanceResponses.TerminateInstances(InstanceView.changes(instances.terminate(ids)));
    }

    private Operation.Prepared<InstanceResponses.DescribeInstanceStatus> statuses(
            InstanceRequests.DescribeInstanceStatus q) {
        Pager.Request paging = Paged.read(STATUS, q.maxResults(), q.nextToken());
        Page<io.labvisor.compute.InstanceStatus> page = paging.page(instances.statuses(q.instanceIds(),
                Boolean.TRUE.equals(q.includeAllInstances()), q.filters()));
        return () -> new InstanceResponses.DescribeInstanceStatus(page.items().stream()
                .map(InstanceOperations::status).toList(), page.nextToken().orElse(null));
    }

    /** One instance's status checks, with their reachability detail. */
    public static InstanceResponses.InstanceStatus status(io.labvisor.compute.InstanceStatus s) {
        return new InstanceResponses.InstanceStatus(s.instance().instanceId(), Placement.AVAILABILITY_ZONE,
                InstanceView.state(s.instance().state()), summary(s.systemCheck(), Optional.empty()),
                summary(s.check(), s.impairedSince()));
    }

    private static InstanceResponses.StatusSummary summary(io.labvisor.compute.InstanceStatus.Check c,
                                                           Optional<Instant> since) {
        List<InstanceResponses.StatusDetail> details = c.detail() == null ? List.of()
                : List.of(new InstanceResponses.StatusDetail("reachability", c.detail(), since.orElse(null)));
        return new InstanceResponses.StatusSummary(c.label(), details);
    }

    private Operation.Prepared<InstanceResponses.InstanceAttribute> describeAttribute(
            InstanceRequests.DescribeInstanceAttribute q) {
        InstanceAttribute attribute = InstanceAttribute.parse(q.attribute());
        String id = instances.require(q.instanceId()).instanceId();
        return () -> switch (attribute) {
            case USER_DATA -> new InstanceResponses.InstanceAttribute(id, new AttributeValue(instances.userData(id)
                    .map(b -> Base64.getEncoder().encodeToString(b)).orElse(null)), null);
            case INSTANCE_TYPE -> new InstanceResponses.InstanceAttribute(id, null,
                    new AttributeValue(instances.require(id).instanceType()));
        };
    }

    private Operation.Prepared<Returned> modifyAttribute(InstanceRequests.ModifyInstanceAttribute q) {
        String id = instances.require(q.instanceId()).instanceId();
        Optional<String> type = Optional.ofNullable(q.instanceType()).or(() -> Optional.ofNullable(q.attribute())
                .filter("instanceType"::equals).flatMap(a -> Optional.ofNullable(q.value())));
        if (!q.blockDeviceMappings().isEmpty()) {
            if (type.isPresent() || q.attribute() != null) {
                throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "Give either the instance type or block device mappings, not both");
            }
            Map<String, Boolean> byDevice = new LinkedHashMap<>();
            for (DeleteOnTerminationChange c : q.blockDeviceMappings()) {
                byDevice.put(c.deviceName(), c.deleteOnTermination());
            }
            return () -> {
                attachments.setDeleteOnTermination(id, byDevice);
                return Returned.TRUE;
            };
        }
        String newType = type.orElseThrow(() -> new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION,
                "labvisor can modify only the instanceType attribute and volumes' DeleteOnTermination"));
        return () -> {
            instances.modifyInstanceType(id, newType);
            return Returned.TRUE;
        };
    }

    /** The last 64 KiB of the serial console. */
    private Operation.Prepared<ConsoleOutput> consoleOutput(InstanceRequests.GetConsoleOutput q) {
        String id = instances.require(q.instanceId()).instanceId();
        return () -> new ConsoleOutput(id, Instant.now(), instances.consoleOutput(id));
    }

    private Operation.Prepared<InstanceResponses.DescribeInstanceTypes> describeTypes(
            InstanceRequests.DescribeInstanceTypes q) {
        Pager.Request paging = Paged.read(TYPES, q.maxResults(), q.nextToken());
        Page<InstanceType> page = paging.page(catalog.describe(q.instanceTypes(), q.filters()));
        return () -> new InstanceResponses.DescribeInstanceTypes(page.items().stream().<JsonNode>map(InstanceType::raw).toList(),
                page.nextToken().orElse(null));
    }

    /** The instance ids an action acts on: at least one, and every one must exist. */
    private List<String> existing(List<String> ids) {
        if (ids.isEmpty()) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter InstanceId");
        }
        instances.describe(ids, List.of());
        return new ArrayList<>(ids);
    }

    private static int required(Integer value, String name) {
        if (value == null) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name);
        }
        return value;
    }
}
