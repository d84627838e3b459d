package io.labvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.Labvisor;
import io.labvisor.cli.output.Shapes;
import io.labvisor.compute.IoProfile;
import io.labvisor.compute.Reservation;
import io.labvisor.compute.RunRequest;
import io.labvisor.ec2.Ec2Exception;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "run-instances", description = "Launch instances of a type from an AMI.")
final class RunInstancesCommand extends Ec2Command {
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
    JsonNode execute(Labvisor labvisor) {
        int[] minMax = parseCount(count);
        RunRequest request = new RunRequest(imageId, instanceType, minMax[0], minMax[1],
                Optional.ofNullable(ioProfile).map(IoProfile::parse));
        if (userData != null) {
            request = request.withUserData(UserDataArgument.read(userData, main.resolve(Path.of(""))));
        }
        if (subnetId != null) {
            request = request.withSubnet(subnetId);
        }
        request = request.withSecurityGroups(securityGroupIds)
                .withTagSpecifications(TagArguments.specifications(tagSpecifications))
                .withBlockDeviceMappings(BlockDeviceMappingArguments.parse(blockDeviceMappings));
        Reservation r = labvisor.instances().run(request);
        ObjectNode root = Shapes.object();
        root.putArray("Groups");
        ArrayNode list = root.putArray("Instances");
        r.instances().forEach(i -> list.add(InstanceShape.of(labvisor, i)));
        root.put("OwnerId", Shapes.OWNER_ID);
        root.put("ReservationId", r.reservationId());
        return root;
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
