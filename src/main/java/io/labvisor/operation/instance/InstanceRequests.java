package io.labvisor.operation.instance;

import io.labvisor.compute.BlockDeviceMapping;
import io.labvisor.ec2.Filter;
import io.labvisor.operation.Param;
import io.labvisor.tag.TagSpecification;

import java.util.List;

import static io.labvisor.operation.Lists.orEmpty;

/** The requests of the instance operations: each record's components are the operation's parameter table. */
public final class InstanceRequests {
    private InstanceRequests() {
    }

    /**
     * The command line's {@code --count N|MIN:MAX} (as the AWS CLI's) fills MinCount and MaxCount; labvisor's
     * {@code IoProfile} is emulated, virtio or nitro.
     */
    public record RunInstances(@Param(required = true) String imageId,
                               String instanceType,
                               @Param(required = true, queryOnly = true) Integer minCount,
                               @Param(required = true, queryOnly = true) Integer maxCount,
                               String ioProfile,
                               @Param(base64 = true) String userData,
                               String subnetId,
                               @Param(query = "SecurityGroupId") List<String> securityGroupIds,
                               @Param(query = "TagSpecification") List<TagSpecification> tagSpecifications,
                               @Param(query = "BlockDeviceMapping") List<BlockDeviceMapping> blockDeviceMappings,
                               @Param(queryOnly = true) String clientToken) {
        public RunInstances {
            securityGroupIds = orEmpty(securityGroupIds);
            tagSpecifications = orEmpty(tagSpecifications);
            blockDeviceMappings = orEmpty(blockDeviceMappings);
        }
    }

    public record DescribeInstances(@Param(query = "InstanceId") List<String> instanceIds,
                                    @Param(query = "Filter") List<Filter> filters,
                                    Integer maxResults, String nextToken) {
        public DescribeInstances {
            instanceIds = orEmpty(instanceIds);
            filters = orEmpty(filters);
        }
    }

    public record StartInstances(@Param(query = "InstanceId", required = true) List<String> instanceIds) {
        public StartInstances {
            instanceIds = orEmpty(instanceIds);
        }
    }

    /** Hibernate is accepted: labvisor has no hibernation, a stop is a stop. */
    public record StopInstances(@Param(query = "InstanceId", required = true) List<String> instanceIds,
                                Boolean force, @Param(queryOnly = true) Boolean hibernate) {
        public StopInstances {
            instanceIds = orEmpty(instanceIds);
        }
    }

    public record RebootInstances(@Param(query = "InstanceId", required = true) List<String> instanceIds) {
        public RebootInstances {
            instanceIds = orEmpty(instanceIds);
        }
    }

    public record TerminateInstances(@Param(query = "InstanceId", required = true) List<String> instanceIds) {
        public TerminateInstances {
            instanceIds = orEmpty(instanceIds);
        }
    }

    public record DescribeInstanceStatus(@Param(query = "InstanceId") List<String> instanceIds,
                                         Boolean includeAllInstances,
                                         @Param(query = "Filter") List<Filter> filters,
                                         Integer maxResults, String nextToken) {
        public DescribeInstanceStatus {
            instanceIds = orEmpty(instanceIds);
            filters = orEmpty(filters);
        }
    }

    /** Attribute userData (base64, as EC2) or instanceType. */
    public record DescribeInstanceAttribute(@Param(required = true) String instanceId,
                                            @Param(required = true) String attribute) {
    }

    /**
     * The instance type of a stopped instance ({@code InstanceType.Value}, or {@code Attribute=instanceType} with
     * {@code Value}), or its volumes' DeleteOnTermination; other attributes are refused rather than ignored.
     */
    public record ModifyInstanceAttribute(@Param(required = true) String instanceId,
                                          @Param(query = "InstanceType.Value") String instanceType,
                                          @Param(queryOnly = true) String attribute,
                                          @Param(queryOnly = true) String value,
                                          @Param(query = "BlockDeviceMapping")
                                          List<DeleteOnTerminationChange> blockDeviceMappings) {
        public ModifyInstanceAttribute {
            blockDeviceMappings = orEmpty(blockDeviceMappings);
        }
    }

    /** One {@code BlockDeviceMapping.N} of ModifyInstanceAttribute: only DeleteOnTermination can change. */
    public record DeleteOnTerminationChange(String deviceName, boolean deleteOnTermination) {
    }

    /** Latest is accepted: the output is always the latest. */
    public record GetConsoleOutput(@Param(required = true) String instanceId, Boolean latest) {
    }

    public record DescribeInstanceTypes(@Param(query = "InstanceType") List<String> instanceTypes,
                                        @Param(query = "Filter") List<Filter> filters,
                                        Integer maxResults, String nextToken) {
        public DescribeInstanceTypes {
            instanceTypes = orEmpty(instanceTypes);
            filters = orEmpty(filters);
        }
    }
}
