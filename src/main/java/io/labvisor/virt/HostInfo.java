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
            return new HostInfo(n.cpus, n.memory / 1024, c.getHostName(), version(c.getLibVersion()),
                    version(c.getVersion()), caps.contains("<domain type='kvm'"));
        } catch (LibvirtException e) {
            throw new VirtException("cannot read host information", e);
        }
    }

    /** libvirt encodes versions as major * 1,000,000 + minor * 1,000 + release. */
    static String version(long v) {
        return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
    }
}
