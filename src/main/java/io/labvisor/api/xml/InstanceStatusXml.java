package io.labvisor.api.xml;

import io.labvisor.compute.InstanceStatus;
import io.labvisor.ec2.Placement;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** DescribeInstanceStatus's {@code instanceStatusSet}, as EC2 writes it. */
public final class InstanceStatusXml {
    private InstanceStatusXml() {
    }

    public static void statuses(XmlNode parent, List<InstanceStatus> statuses) {
        XmlNode set = parent.child("instanceStatusSet");
        for (InstanceStatus s : statuses) {
            XmlNode item = set.item()
                    .text("instanceId", s.instance().instanceId())
                    .text("availabilityZone", Placement.AVAILABILITY_ZONE);
            InstanceXml.state(item.child("instanceState"), s.instance().state());
            check(item.child("systemStatus"), s.systemCheck(), Optional.empty());
            check(item.child("instanceStatus"), s.check(), s.impairedSince());
        }
    }

    private static void check(XmlNode n, InstanceStatus.Check c, Optional<Instant> since) {
        n.text("status", c.label());
        if (c.detail() != null) {
            XmlNode detail = n.child("details").item().text("name", "reachability").text("status", c.detail());
            since.ifPresent(t -> detail.text("impairedSince", t));
        }
    }
}
