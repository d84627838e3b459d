package io.labvisor.cli.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labvisor.net.Subnet;
import io.labvisor.net.Vpc;
import io.labvisor.ec2.Placement;

/** VPCs and subnets as the AWS CLI prints them. */
public final class NetShapes {
    private NetShapes() {
    }

    public static ObjectNode vpc(Vpc v) {
        ObjectNode n = Shapes.object();
        n.put("CidrBlock", v.cidr().toString());
        n.put("State", "available");
        n.put("VpcId", v.vpcId());
        n.put("OwnerId", Shapes.OWNER_ID);
        n.put("InstanceTenancy", "default");
        n.put("IsDefault", v.isDefault());
        return n;
    }

    public static ObjectNode subnet(Subnet s, int availableIps) {
        ObjectNode n = Shapes.object();
        n.put("AvailabilityZone", Placement.AVAILABILITY_ZONE);
        n.put("AvailableIpAddressCount", availableIps);
        n.put("CidrBlock", s.cidr().toString());
        n.put("DefaultForAz", s.isDefault());
        n.put("MapPublicIpOnLaunch", false);
        n.put("State", "available");
        n.put("SubnetId", s.subnetId());
        n.put("VpcId", s.vpcId());
        n.put("OwnerId", Shapes.OWNER_ID);
        ObjectNode lab = n.putObject("Labvisor");
        lab.put("Network", s.network());
        lab.put("Bridge", s.bridge());
        return n;
    }
}
