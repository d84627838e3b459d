package io.labvisor.host;

import java.util.Map;
import java.util.Optional;

/**
 * How the host is split between the offload cards and the instances, as a Nitro host keeps its cards' work off
 * the cores it sells. Cards (storage card processes) and QEMU's emulator threads run on {@code cardCpus};
 * guest vCPUs are pinned to {@code instanceCpus}. Pure: computed from the host's size and overrides.
 *
 * @param cardCpus          host CPUs for cards and QEMU's own threads ({@code LABVISOR_CARD_CPUS})
 * @param instanceCpus      host CPUs for guest vCPUs ({@code LABVISOR_INSTANCE_CPUS})
 * @param reservedMemoryMiB memory kept for the host, its daemons and the cards
 */
public record HostPartition(CpuSet cardCpus, CpuSet instanceCpus, long reservedMemoryMiB) {

    /**
     * Host memory one storage card (qemu-storage-daemon) may use, MiB. Measured here: 9 MiB resident idle with one
     * export; serving a t3.micro with a data volume, 1.8 MiB anonymous + 7.8 MiB libraries (plus 10 MiB of the
     * guest's own RAM, which it maps to serve virtqueues: shared memfd pages, counted with the instance). Per volume
     * it adds its qcow2 caches (L2 and refcount, a few MiB for EBS-sized volumes) and its request buffers.
     */
    public static final long STORAGE_CARD_MEMORY_MIB = 64;
    /**
     * Host memory one network card (dpdk-testpmd {@code --no-huge -m 256 ... --no-mlockall}) may use, MiB: the
     * 256 MiB of DPDK memory it may fill (no hugepages), its own heap (mbufs, rings) and mapped libraries. Measured
     * here serving a booted t3.micro: 39 MiB resident (12 MiB of it shared, mostly guest pages it has touched).
     * With testpmd's default mlockall it was 377 MiB before a guest connected plus the guest's whole RAM once it
     * did; the guest RAM it maps is the instance's memory, counted with the instance.
     */
    public static final long NETWORK_CARD_MEMORY_MIB = 384;

    public HostPartition {
        if (reservedMemoryMiB < 0) {
            throw new IllegalArgumentException("reserved memory must not be negative");
        }
    }

    /**
     * The default split: the first quarter of the CPUs (at least one) for cards, the rest for instances; a
     * one-CPU host shares its only CPU. Memory: 1 GiB or 10%, the larger, for host and cards.
     */
    public static HostPartition defaults(int hostCpus, long hostMemoryMiB) {
        if (hostCpus < 1) {
            throw new IllegalArgumentException("a host has at least one CPU");
        }
        int cards = Math.max(1, hostCpus / 4);
        CpuSet cardCpus = CpuSet.range(0, cards - 1);
        CpuSet instanceCpus = hostCpus > cards ? CpuSet.range(cards, hostCpus - 1) : cardCpus;
        return new HostPartition(cardCpus, instanceCpus, Math.max(1024, hostMemoryMiB / 10));
    }

    /** The defaults with {@code LABVISOR_CARD_CPUS} and {@code LABVISOR_INSTANCE_CPUS} applied where set. */
    public static HostPartition forHost(int hostCpus, long hostMemoryMiB, Map<String, String> env) {
        HostPartition d = defaults(hostCpus, hostMemoryMiB);
        CpuSet cards = override(env, "LABVISOR_CARD_CPUS", hostCpus).orElse(d.cardCpus());
        CpuSet instances = override(env, "LABVISOR_INSTANCE_CPUS", hostCpus).orElse(d.instanceCpus());
        return new HostPartition(cards, instances, d.reservedMemoryMiB());
    }

    private static Optional<CpuSet> override(Map<String, String> env, String key, int hostCpus) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        CpuSet set;
        try {
            set = CpuSet.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
        int last = set.cpus().get(set.size() - 1);
        if (last >= hostCpus) {
            throw new IllegalArgumentException(key + "=" + value + " names CPU " + last + ", but the host has "
                    + hostCpus + " (0-" + (hostCpus - 1) + ")");
        }
        return Optional.of(set);
    }
}
