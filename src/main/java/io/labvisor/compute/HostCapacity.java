package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.host.HostPartition;

import io.labvisor.virt.Domains;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the host can give instances. Memory is never overcommitted (as in EC2: an instance's memory is its own);
 * vCPUs may be, up to {@code vcpuOvercommit} per host CPU set aside for instances. A nitro instance also costs the
 * host its cards' memory ({@link #cardMemoryMiB(IoProfile)}), so it fits only with its cards.
 *
 * @param instanceCpus     host CPUs that run instance vCPUs
 * @param instanceMemoryMiB host memory available to instances and their cards (total minus what the host keeps)
 * @param cardMemoryMiB    memory the cards of one nitro instance take
 */
public record HostCapacity(int instanceCpus, long instanceMemoryMiB, int vcpuOvercommit, long cardMemoryMiB) {

    /** With the measured card figures of {@link HostPartition}. */
    public HostCapacity(int instanceCpus, long instanceMemoryMiB, int vcpuOvercommit) {
        this(instanceCpus, instanceMemoryMiB, vcpuOvercommit, cardMemoryMiB(IoProfile.NITRO));
    }

    /** Host memory the cards of one instance of {@code profile} take besides the instance's own memory. */
    public static long cardMemoryMiB(IoProfile profile) {
        return profile == IoProfile.NITRO
                ? HostPartition.STORAGE_CARD_MEMORY_MIB + HostPartition.NETWORK_CARD_MEMORY_MIB : 0;
    }

    /** The default {@link HostPartition} of a host this size. */
    public static HostCapacity forHost(int hostCpus, long hostMemoryMiB) {
        return of(HostPartition.defaults(hostCpus, hostMemoryMiB), hostMemoryMiB);
    }

    /** Instances get the partition's instance CPUs and what memory the host and cards do not keep. */
    public static HostCapacity of(HostPartition partition, long hostMemoryMiB) {
        return new HostCapacity(partition.instanceCpus().size(),
                Math.max(0, hostMemoryMiB - partition.reservedMemoryMiB()), 16,
                cardMemoryMiB(IoProfile.NITRO));
    }

    public long maxVcpus() {
        return (long) instanceCpus * vcpuOvercommit;
    }

    /**
     * Throws InsufficientInstanceCapacity unless {@code count} more instances of the given size fit next to
     * {@code current}.
     */
    public void check(List<Instance> current, String type, int vcpus, int memoryMiB, int count) {
        check(current, List.of(), type, vcpus, memoryMiB, IoProfile.VIRTIO, count);
    }

    /** As {@link #check(List, List, String, int, int, IoProfile, int)} for instances without cards. */
    public void check(List<Instance> current, List<Domains.Usage> others, String type, int vcpus,
                      int memoryMiB, int count) {
        check(current, others, type, vcpus, memoryMiB, IoProfile.VIRTIO, count);
    }

    /** The host memory one instance of {@code profile} takes: its own and its cards'. */
    long footprintMiB(IoProfile profile, long memoryMiB) {
        return memoryMiB + (profile == IoProfile.NITRO ? cardMemoryMiB : 0);
    }

    /**
     * Throws InsufficientInstanceCapacity unless {@code count} more instances of the given size and I/O profile
     * (nitro ones with their cards) fit next to {@code current} (with theirs) and {@code others}: domains running
     * on the host that are not among {@code current} (other labvisor state directories, VMs labvisor does not
     * manage; only their own memory is known).
     */
    public void check(List<Instance> current, List<Domains.Usage> others, String type, int vcpus,
                      int memoryMiB, IoProfile profile, int count) {
        Set<String> ours = current.stream().map(Instance::instanceId).collect(Collectors.toSet());
        List<Domains.Usage> foreign = others.stream().filter(u -> !ours.contains(u.name())).toList();
        long usedMem = current.stream().mapToLong(i -> footprintMiB(i.ioProfile(), i.memoryMiB())).sum()
                + foreign.stream().mapToLong(Domains.Usage::memoryMiB).sum();
        long usedCpu = current.stream().mapToLong(Instance::vcpus).sum()
                + foreign.stream().mapToLong(Domains.Usage::vcpus).sum();
        long wantMem = footprintMiB(profile, memoryMiB) * count;
        long wantCpu = (long) vcpus * count;
        if (vcpus > instanceCpus * (long) vcpuOvercommit || usedMem + wantMem > instanceMemoryMiB
                || usedCpu + wantCpu > maxVcpus()) {
            throw new Ec2Exception(ErrorCode.INSUFFICIENT_INSTANCE_CAPACITY, String.format(
                    "We currently do not have sufficient %s capacity for %d instance(s): requested %d vCPUs and "
                            + "%d MiB%s, free %d vCPUs and %d MiB on this host.",
                    type, count, wantCpu, wantMem,
                    profile == IoProfile.NITRO ? " (" + cardMemoryMiB + " MiB of offload cards each included)" : "",
                    Math.max(0, maxVcpus() - usedCpu),
                    Math.max(0, instanceMemoryMiB - usedMem)));
        }
    }
}
