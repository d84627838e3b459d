package io.labvisor.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One EC2 instance type: the typed figures labvisor sizes guests and throttles I/O by, plus the AWS-shaped
 * DescribeInstanceTypes entry they were read from.
 *
 * @param name                 e.g. {@code t3.micro}
 * @param family               the part before the dot, e.g. {@code t3}
 * @param size                 the part after the dot, e.g. {@code micro}
 * @param vcpus                default vCPUs
 * @param coresPerSocket       AWS's DefaultCores; labvisor gives every guest one socket, so all cores are on it
 * @param threadsPerCore       default threads per core
 * @param memoryMiB            memory in MiB
 * @param architectures        e.g. {@code [x86_64]}; small t2 sizes also list {@code i386}
 * @param hypervisor           Xen or Nitro; bare metal counts as Nitro
 * @param bareMetal            whether the type is a whole host
 * @param burstable            whether it is a burstable-performance (T) type
 * @param currentGeneration    as AWS reports it
 * @param freeTierEligible     as AWS reports it
 * @param networkPerformance   AWS's label, e.g. {@code Up to 5 Gigabit}
 * @param networkBaselineGbps  sustained network bandwidth
 * @param networkPeakGbps      burst network bandwidth (equals the baseline for fixed-rate types)
 * @param maxNetworkInterfaces maximum network interfaces
 * @param ipv4AddressesPerInterface private IPv4 addresses per interface
 * @param ebsOptimized         whether AWS publishes dedicated EBS figures; when false (t2) the six EBS figures
 *                             below are labvisor's conservative estimate from the network link (see SOURCES.md)
 * @param ebsBaselineMbps      EBS baseline bandwidth
 * @param ebsMaxMbps           EBS burst bandwidth
 * @param ebsBaselineIops      EBS baseline IOPS (16 KiB I/O)
 * @param ebsMaxIops           EBS burst IOPS (16 KiB I/O)
 * @param ebsBaselineThroughputMBps EBS baseline throughput (128 KiB I/O)
 * @param ebsMaxThroughputMBps EBS burst throughput (128 KiB I/O)
 * @param instanceStoreGb      total local instance store, 0 if none
 * @param instanceStoreDisks   the local disks, {@link InstanceStoreDisks#NONE} if none
 * @param raw                  the DescribeInstanceTypes entry; copied in and out
 */
public record InstanceType(
        String name,
        String family,
        String size,
        int vcpus,
        int coresPerSocket,
        int threadsPerCore,
        int memoryMiB,
        List<String> architectures,
        Hypervisor hypervisor,
        boolean bareMetal,
        boolean burstable,
        boolean currentGeneration,
        boolean freeTierEligible,
        String networkPerformance,
        double networkBaselineGbps,
        double networkPeakGbps,
        int maxNetworkInterfaces,
        int ipv4AddressesPerInterface,
        boolean ebsOptimized,
        int ebsBaselineMbps,
        int ebsMaxMbps,
        int ebsBaselineIops,
        int ebsMaxIops,
        double ebsBaselineThroughputMBps,
        double ebsMaxThroughputMBps,
        int instanceStoreGb,
        InstanceStoreDisks instanceStoreDisks,
        ObjectNode raw) {

    /** Local instance-store disks, all of one size. */
    public record InstanceStoreDisks(int count, int sizeGb) {
        public static final InstanceStoreDisks NONE = new InstanceStoreDisks(0, 0);
    }

    public InstanceType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(hypervisor, "hypervisor");
        Objects.requireNonNull(networkPerformance, "networkPerformance");
        Objects.requireNonNull(instanceStoreDisks, "instanceStoreDisks");
        architectures = List.copyOf(architectures);
        raw = raw.deepCopy();
    }

    /** A copy of the AWS-shaped entry, so a caller can print or change it without touching the catalog. */
    @Override
    public ObjectNode raw() {
        return raw.deepCopy();
    }

    public boolean hasInstanceStore() {
        return instanceStoreGb > 0;
    }

    /** Just the name: the full record, raw JSON included, is too long for logs and test messages. */
    @Override
    public String toString() {
        return name;
    }
}
