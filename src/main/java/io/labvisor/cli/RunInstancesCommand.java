package io.labvisor.cli;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.operation.instance.InstanceRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "run-instances", description = "Launch instances of a type from an AMI.")
final class RunInstancesCommand extends OperationCommand {
    @Option(names = "--image-id", required = true)
    String imageId;

    @Option(names = "--instance-type", defaultValue = "t3.micro")
    String instanceType;

    @Option(names = "--count", defaultValue = "1", description = "N or MIN:MAX, as in the AWS CLI")
    String count;

    @Option(names = "--io-profile", description = "emulated, virtio or nitro; default: emulated for Xen-era types (t2, m4), nitro for the rest")
    String ioProfile;

    @Option(names = "--user-data", description = "raw text, or file://PATH to read it from a file (at most 16 KiB)")
    String userData;

    @Option(names = "--subnet-id", description = "default: the default VPC's default subnet")
    String subnetId;

    @Option(names = "--security-group-ids", arity = "1..*", description = "default: the VPC's default group")
    java.util.List<String> securityGroupIds = new java.util.ArrayList<>();

    @Option(names = "--tag-specifications", arity = "1..*",
            description = "ResourceType=instance|volume,Tags=[{Key=k,Value=v},...] (or JSON)")
    java.util.List<String> tagSpecifications;

    @Option(names = "--block-device-mappings", arity = "1..*",
            description = "DeviceName=/dev/sdf,Ebs={VolumeSize=1,VolumeType=gp3,DeleteOnTermination=false} ... "
                    + "(or JSON); the AMI's root device name resizes the root volume")
    java.util.List<String> blockDeviceMappings;

    @Override
    String operation() {
        return "RunInstances";
    }

    @Override
    Record request() {
        int[] minMax = parseCount(count);
        String data = userData == null ? null : UserDataArgument.read(userData, main.resolve(Path.of("")));
        return new InstanceRequests.RunInstances(imageId, instanceType, minMax[0], minMax[1], ioProfile, data, subnetId,
                securityGroupIds, TagArguments.specifications(tagSpecifications),
                BlockDeviceMappingArguments.parse(blockDeviceMappings), null);
    }

    static int[] parseCount(String value) {
        try {
            String[] parts = value.split(":", 2);
            int min = Integer.parseInt(parts[0].trim());
            int max = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : min;
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            throw Ec2Exception.invalidParameter("Invalid value '" + value + "' for --count: use N or MIN:MAX");
        }
    }
}
