package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import io.labvisor.virt.Domains;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the host can give instances. Memory is never overcommitted (as in EC2: an instance's memory is its own);
 * vCPUs may be, up to {@code vcpuOvercommit} per host CPU set aside for instances.
 *
 * @param instanceCpus     host CPUs that run instance vCPUs
 * @param instanceMemoryMiB host memory available to instances (total minus what the host and cards keep)
 */
public record HostCapacity(int instanceCpus, long instanceMemoryMiB, int vcpuOvercommit) {

    /** Default split: keep 1 GiB or 10% (the larger) for the host, its daemons and the cards. */
    public static HostCapacity forHost(int hostCpus, long hostMemoryMiB) {
        long reserved = Math.max(1024, hostMemoryMiB / 10);
        return new HostCapacity(hostCpus, Math.max(0, hostMemoryMiB - reserved), 16);
    }

    public long maxVcpus() {
        return (long) instanceCpus * vcpuOvercommit;
    }

    /**
     * Throws InsufficientInstanceCapacity unless {@code count} more instances of the given size fit next to
     * {@code current}.
     */
    public void check(List<Instance> current, String type, int vcpus, int memoryMiB, int count) {
        check(current, List.of(), type, vcpus, memoryMiB, count);
    }

    /**
     * As {@link #check(List, String, int, int, int)}, also counting {@code others}: domains running on the host
     * that are not among {@code current} (other labvisor state directories, VMs labvisor does not manage).
     */
    public void check(List<Instance> current, List<Domains.Usage> others, String type, int vcpus,
                      int memoryMiB, int count) {
        Set<String> ours = current.stream().map(Instance::instanceId).collect(Collectors.toSet());
        List<Domains.Usage> foreign = others.stream().filter(u -> !ours.contains(u.name())).toList();
        long usedMem = current.stream().mapToLong(Instance::memoryMiB).sum()
                + foreign.stream().mapToLong(Domains.Usage::memoryMiB).sum();
        long usedCpu = current.stream().mapToLong(Instance::vcpus).sum()
                + foreign.stream().mapToLong(Domains.Usage::vcpus).sum();
        long wantMem = (long) memoryMiB * count;
        long wantCpu = (long) vcpus * count;
        if (vcpus > instanceCpus * (long) vcpuOvercommit || usedMem + wantMem > instanceMemoryMiB
                || usedCpu + wantCpu > maxVcpus()) {
            throw new Ec2Exception(ErrorCode.INSUFFICIENT_INSTANCE_CAPACITY, String.format(
                    "We currently do not have sufficient %s capacity for %d instance(s): requested %d vCPUs and "
                            + "%d MiB, free %d vCPUs and %d MiB on this host.",
                    type, count, wantCpu, wantMem, Math.max(0, maxVcpus() - usedCpu),
                    Math.max(0, instanceMemoryMiB - usedMem)));
        }
    }
}
