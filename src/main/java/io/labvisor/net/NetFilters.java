package io.labvisor.net;

import io.labvisor.ec2.Account;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.Filter;
import io.labvisor.ec2.Placement;

import java.util.List;

/** DescribeVpcs and DescribeSubnets filters (tag filters are applied by the tag service). */
final class NetFilters {
    private NetFilters() {
    }

    static boolean matches(Vpc v, List<Filter> filters) {
        return filters.stream().allMatch(f -> f.matchesAny(List.of(switch (f.name()) {
            case "vpc-id" -> v.vpcId();
            case "cidr", "cidr-block", "cidr-block-association.cidr-block" -> v.cidr().toString();
            case "is-default" -> Boolean.toString(v.isDefault());
            case "state" -> "available";
            case "owner-id" -> Account.OWNER_ID;
            default -> throw invalid(f);
        })));
    }

    static boolean matches(Subnet s, int availableIps, List<Filter> filters) {
        return filters.stream().allMatch(f -> f.matchesAny(List.of(switch (f.name()) {
            case "subnet-id" -> s.subnetId();
            case "vpc-id" -> s.vpcId();
            case "cidr", "cidr-block", "cidrBlock" -> s.cidr().toString();
            case "availability-zone" -> Placement.AVAILABILITY_ZONE;
            case "default-for-az", "defaultForAz" -> Boolean.toString(s.isDefault());
            case "available-ip-address-count" -> Integer.toString(availableIps);
            case "state" -> "available";
            case "owner-id" -> Account.OWNER_ID;
            default -> throw invalid(f);
        })));
    }

    private static Ec2Exception invalid(Filter f) {
        return Ec2Exception.invalidParameter("The filter '" + f.name() + "' is invalid");
    }
}
