package io.labvisor.virt;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;

/** The host as libvirt sees it: CPUs, memory, versions, and which domain types its capabilities list. */
public record HostInfo(int cpus, long memoryMiB, String hostname, String libvirtVersion, String hypervisorVersion,
                       boolean kvmListed) {

    static HostInfo read(Connect c) {
        try {
            NodeInfo n = c.nodeInfo();
            String caps = c.getCapabilities();
            // libvirt sums NUMA node meminfo, which misses memory hot-plugged outside the nodes on some VMs;
            // on a local connection /proc/meminfo is the larger, true figure.
            long memoryMiB = Math.max(n.memory / 1024, procMemTotalMiB());
            return new HostInfo(n.cpus, memoryMiB, c.getHostName(), version(c.getLibVersion()),
                    version(c.getVersion()), caps.contains("<domain type='kvm'"));
        } catch (LibvirtException e) {
            throw new VirtException("cannot read host information", e);
        }
    }

    private static long procMemTotalMiB() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(0);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** libvirt encodes versions as major * 1,000,000 + minor * 1,000 + release. */
    static String version(long v) {
        return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
    }
}
