package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.Filter;
import io.labvisor.ec2.Placement;

import io.labvisor.net.Subnet;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** DescribeInstances filters: AND across filters, OR across a filter's values, EC2 wildcards. */
final class InstanceFilters {
    private InstanceFilters() {
    }

    static boolean matches(Instance i, List<Filter> filters, Function<Instance, Optional<Subnet>> subnetOf) {
        for (Filter f : filters) {
            String value = switch (f.name()) {
                case "instance-id" -> i.instanceId();
                case "instance-state-name" -> i.state().label();
                case "instance-state-code" -> Integer.toString(i.state().code());
                case "instance-type" -> i.instanceType();
                case "image-id" -> i.imageId();
                case "reservation-id" -> i.reservationId();
                case "private-ip-address" -> i.privateIp().orElse("");
                case "mac-address", "network-interface.mac-address" -> i.mac();
                case "availability-zone" -> Placement.AVAILABILITY_ZONE;
                case "subnet-id", "network-interface.subnet-id" -> subnetOf.apply(i).map(Subnet::subnetId).orElse("");
                case "vpc-id", "network-interface.vpc-id" -> subnetOf.apply(i).map(Subnet::vpcId).orElse("");
                case "network-interface.addresses.private-ip-address" -> i.privateIp().orElse("");
                default -> throw Ec2Exception.invalidParameter("The filter '" + f.name() + "' is invalid");
            };
            if (f.values().stream().noneMatch(p -> Filter.matches(p, value))) {
                return false;
            }
        }
        return true;
    }
}
