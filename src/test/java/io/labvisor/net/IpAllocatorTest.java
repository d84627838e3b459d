package io.labvisor.net;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IpAllocatorTest {
    @TempDir
    Path dir;

    @Test
    void lowestFreeSkipsReservedAndTaken() {
        Cidr c = Cidr.parse("10.0.0.0/28");
        Set<Integer> taken = new HashSet<>();
        assertEquals(OptionalInt.of(Cidr.address("10.0.0.4")), IpAllocator.lowestFree(c, taken));
        taken.add(Cidr.address("10.0.0.4"));
        taken.add(Cidr.address("10.0.0.6"));
        assertEquals(OptionalInt.of(Cidr.address("10.0.0.5")), IpAllocator.lowestFree(c, taken));
        for (int i = 4; i <= 14; i++) {
            taken.add(Cidr.address("10.0.0." + i));
        }
        assertEquals(OptionalInt.empty(), IpAllocator.lowestFree(c, taken), "never .15 (broadcast)");
    }

    @Test
    void allocationsAreUniqueUntilReleasedAndRunOut() {
        try (Database db = Database.open(dir.resolve("t.db"))) {
            Subnet s = Subnet.named("subnet-0123456789abcdef0", "vpc-0123456789abcdef0", Cidr.parse("10.9.0.0/28"));
            db.write(c -> {
                VpcRepository.insert(c, new Vpc(s.vpcId(), Cidr.parse("10.9.0.0/16"), false));
                VpcRepository.insert(c, s);
            });
            Set<String> got = new HashSet<>();
            for (int i = 0; i < 11; i++) {
                String id = "i-" + i;
                got.add(db.inTransaction(c -> IpAllocator.allocate(c, s, id)));
            }
            assertEquals(11, got.size());
            Ec2Exception full = assertThrows(Ec2Exception.class,
                    () -> db.inTransaction(c -> IpAllocator.allocate(c, s, "i-x")));
            assertEquals(ErrorCode.INSUFFICIENT_FREE_ADDRESSES, full.code());
            db.write(c -> IpAllocator.release(c, "i-3"));
            assertEquals("10.9.0.7", db.inTransaction(c -> IpAllocator.allocate(c, s, "i-y")));
        }
    }

    @Test
    void addressesLibvirtAlreadyLeasesAreSkipped() {
        try (Database db = Database.open(dir.resolve("shared.db"))) {
            Subnet s = Subnet.named("subnet-0123456789abcdef1", "vpc-0123456789abcdef1", Cidr.parse("10.8.0.0/24"));
            db.write(c -> {
                VpcRepository.insert(c, new Vpc(s.vpcId(), Cidr.parse("10.8.0.0/16"), false));
                VpcRepository.insert(c, s);
            });
            // another labvisor state on the same network already leases .4 and .5
            assertEquals("10.8.0.6", db.inTransaction(c -> IpAllocator.allocate(c, s, "i-z", Set.of("10.8.0.4", "10.8.0.5"))));
        }
    }

    @Test
    void subnetNamesFitIfnamsiz() {
        Subnet s = Subnet.named("subnet-0123456789abcdef0", "vpc-0", Cidr.parse("10.0.0.0/24"));
        assertEquals("lvbr-01234567", s.bridge());
        assertEquals("labvisor-subnet-0123456789abcdef0", s.network());
    }
}
