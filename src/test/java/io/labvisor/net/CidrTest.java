package io.labvisor.net;

import io.labvisor.ec2.Ec2Exception;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {
    @Test
    void parsesAndPrints() {
        Cidr c = Cidr.parse("10.1.2.0/24");
        assertEquals("10.1.2.0/24", c.toString());
        assertEquals(256, c.size());
        assertEquals("10.1.2.1", Cidr.format(c.gateway()));
        assertEquals("10.1.2.4", Cidr.format(c.firstAssignable()));
        assertEquals("10.1.2.254", Cidr.format(c.lastAssignable()));
        assertEquals("10.1.2.255", Cidr.format(c.last()));
    }

    @Test
    void highAddressesStayUnsigned() {
        Cidr c = Cidr.parse("192.168.0.0/16");
        assertEquals("192.168.255.255", Cidr.format(c.last()));
        assertTrue(c.contains(Cidr.address("192.168.3.4")));
        assertFalse(c.contains(Cidr.address("192.169.0.0")));
    }

    @Test
    void refusesHostBitsAndNonsense() {
        for (String bad : new String[] {"10.0.0.1/24", "10.0.0.0", "10.0.0.0/33", "10.0.0/24", "10.0.0.256/24",
                "a.b.c.d/8", "10.0.0.0/x", "", "10.0.0.0/24/1"}) {
            assertThrows(Ec2Exception.class, () -> Cidr.parse(bad), bad);
        }
        assertThrows(Ec2Exception.class, () -> Cidr.parse(null));
    }

    @Test
    void containmentAndOverlap() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        Cidr a = Cidr.parse("10.0.1.0/24");
        Cidr b = Cidr.parse("10.0.1.128/25");
        Cidr c = Cidr.parse("10.0.2.0/24");
        assertTrue(vpc.contains(a));
        assertFalse(a.contains(vpc));
        assertTrue(a.overlaps(b));
        assertTrue(b.overlaps(a));
        assertFalse(a.overlaps(c));
        assertFalse(vpc.contains(Cidr.parse("10.1.0.0/24")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(vpc));
    }

    @Test
    void smallestEc2SubnetHasElevenAssignableAddresses() {
        Cidr c = Cidr.parse("10.0.0.16/28");
        assertEquals("10.0.0.20", Cidr.format(c.firstAssignable()));
        assertEquals("10.0.0.30", Cidr.format(c.lastAssignable()));
        assertEquals(11, new Subnet("subnet-0123456789abcdef0", "vpc-0123456789abcdef0", c, "n", "b", false)
                .assignableCount());
    }
}
