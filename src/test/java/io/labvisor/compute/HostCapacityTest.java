package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.host.HostPartition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostCapacityTest {
    private static Instance running(int vcpus, int memoryMiB) {
        Instant now = Instant.now();
        return new Instance("i-00000000000000001", "r-00000000000000001", "ami-00000000000000001", "t3.micro", 0,
                InstanceState.RUNNING, null, now, now, memoryMiB, vcpus, "tcg", IoProfile.VIRTIO,
                "02:00:00:00:00:01", Optional.empty(), "labvisor-default", "/tmp/x.log");
    }

    @Test
    void reservesTenPercentOrOneGibForTheHost() {
        assertEquals(24576 - 2457, HostCapacity.forHost(2, 24576).instanceMemoryMiB());
        assertEquals(4096 - 1024, HostCapacity.forHost(2, 4096).instanceMemoryMiB());
    }

    @Test
    void memoryIsNeverOvercommitted() {
        HostCapacity c = new HostCapacity(2, 8192, 16);
        assertDoesNotThrow(() -> c.check(List.of(running(2, 4096)), "t3.medium", 2, 4096, 1));
        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> c.check(List.of(running(2, 4096)), "t3.medium", 2, 4096, 2));
        assertEquals(ErrorCode.INSUFFICIENT_INSTANCE_CAPACITY, e.code());
    }

    @Test
    void vcpusMayBeOvercommittedUpToTheRatio() {
        HostCapacity c = new HostCapacity(2, 1 << 20, 4);
        assertDoesNotThrow(() -> c.check(List.of(), "t3.micro", 2, 512, 4));
        assertThrows(Ec2Exception.class, () -> c.check(List.of(), "t3.micro", 2, 512, 5));
        assertThrows(Ec2Exception.class, () -> c.check(List.of(), "m5.metal", 96, 512, 1));
    }

    /** A nitro instance fits only with its cards' memory; one that fits alone does not fit with its cards. */
    @Test
    void nitroInstancesCountTheirCardsMemory() {
        long cards = HostCapacity.cardMemoryMiB(IoProfile.NITRO);
        assertEquals(HostPartition.STORAGE_CARD_MEMORY_MIB + HostPartition.NETWORK_CARD_MEMORY_MIB, cards);
        assertEquals(0, HostCapacity.cardMemoryMiB(IoProfile.VIRTIO));
        assertEquals(0, HostCapacity.cardMemoryMiB(IoProfile.EMULATED));
        HostCapacity c = new HostCapacity(2, 4096 + cards, 16);
        assertDoesNotThrow(() -> c.check(List.of(), List.of(), "t3.medium", 2, 4096, IoProfile.NITRO, 1));
        assertDoesNotThrow(() -> c.check(List.of(), List.of(), "t3.medium", 2, 4096 + (int) cards,
                IoProfile.VIRTIO, 1), "the same memory without cards fits a bigger virtio instance");
        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> c.check(List.of(), List.of(), "t3.medium", 2, 4096 + 1, IoProfile.NITRO, 1));
        assertEquals(ErrorCode.INSUFFICIENT_INSTANCE_CAPACITY, e.code());
        assertTrue(e.getMessage().contains(cards + " MiB of offload cards each included"), e.getMessage());

        // Running nitro instances count their cards too.
        Instance nitro = withProfile(running(2, 2048), IoProfile.NITRO);
        int rest = 2048 + (int) cards;
        assertDoesNotThrow(() -> c.check(List.of(withProfile(running(2, 2048), IoProfile.VIRTIO)), List.of(),
                "t3.small", 2, rest, IoProfile.VIRTIO, 1));
        assertThrows(Ec2Exception.class, () -> c.check(List.of(nitro), List.of(), "t3.small", 2, rest,
                IoProfile.VIRTIO, 1));
    }

    private static Instance withProfile(Instance i, IoProfile profile) {
        return new Instance(i.instanceId(), i.reservationId(), i.imageId(), i.instanceType(), i.launchIndex(),
                i.state(), i.stateReason(), i.stateChangedAt(), i.launchTime(), i.memoryMiB(), i.vcpus(), i.accel(),
                profile, i.mac(), i.privateIp(), i.network(), i.consoleLog());
    }

    @Test
    void domainsOutsideThisStateCountButOurOwnAreNotCountedTwice() {
        HostCapacity c = new HostCapacity(2, 8192, 16);
        Instance ours = running(2, 4096);
        var ownDomain = new io.labvisor.virt.Domains.Usage(ours.instanceId(), 4096, 2);
        var foreign = new io.labvisor.virt.Domains.Usage("someone-elses-vm", 2048, 1);
        assertDoesNotThrow(() -> c.check(List.of(ours), List.of(ownDomain), "t3.medium", 2, 4096, 1));
        assertThrows(Ec2Exception.class, () -> c.check(List.of(ours), List.of(ownDomain, foreign), "t3.medium", 2, 4096, 1));
    }

    @Test
    void capacityCountsOnlyInstanceCpus() {
        assertEquals(1, HostCapacity.forHost(2, 4096).instanceCpus());
        assertEquals(16, HostCapacity.forHost(2, 4096).maxVcpus());
        assertEquals(6, HostCapacity.forHost(8, 16384).instanceCpus());
    }
}
