package io.labvisor.explain;

import io.labvisor.catalog.InstanceType;
import io.labvisor.compute.Instance;

import java.util.List;

/** The anatomy as text for a terminal or a lecture slide. */
public final class AnatomyText {
    private AnatomyText() {
    }

    public static String render(Anatomy a) {
        StringBuilder s = new StringBuilder();
        Instance i = a.instance();
        InstanceType t = a.type();
        s.append("Instance ").append(i.instanceId()).append(": ").append(i.state().label())
                .append(", accelerator ").append(i.accel()).append(", I/O profile ").append(i.ioProfile().label())
                .append('\n');
        s.append("  type   ").append(t.name()).append(": ").append(t.vcpus()).append(" vCPUs (")
                .append(t.vcpus() / t.threadsPerCore()).append(" cores x ").append(t.threadsPerCore())
                .append(" threads), ").append(t.memoryMiB()).append(" MiB, network ").append(t.networkPerformance())
                .append(", EBS up to ").append(t.ebsMaxMbps()).append(" Mbps, hypervisor ")
                .append(t.hypervisor().awsName()).append('\n');
        a.image().ifPresent(img -> s.append("  AMI    ").append(img.imageId()).append(" (").append(img.name())
                .append("), ").append(img.bootMode().label()).append(" boot, cmdline '")
                .append(img.kernelCmdline()).append("'\n"));
        s.append("\nI/O paths\n");
        a.ioPaths().forEach(p -> s.append("  ").append(p.describe()).append('\n'));
        s.append("\nHost threads and processes serving it (host has CPUs 0-").append(a.hostCpus() - 1).append(")\n");
        s.append(String.format("  %-7s %-7s %-16s %-22s %-12s %s%n", "PID", "TID", "ROLE", "NAME", "CPUS", "LAST CPU"));
        for (HostThread h : a.threads()) {
            s.append(String.format("  %-7d %-7d %-16s %-22s %-12s %d%n", h.pid(), h.tid(),
                    h.role().name().toLowerCase(), h.name(), h.cpusAllowed(), h.lastCpu()));
        }
        if (a.threads().isEmpty()) {
            s.append("  (not running)\n");
        }
        s.append("\nQEMU command line, as libvirt ran it\n");
        s.append(commandLine(a.qemuCommandLine()));
        s.append("\nDomain XML (live, as libvirt holds it)\n");
        a.domainXml().lines().forEach(l -> s.append("  ").append(l).append('\n'));
        return s.toString();
    }

    /** One option per line, the way people write QEMU command lines by hand. */
    static String commandLine(List<String> argv) {
        if (argv.isEmpty()) {
            return "  (not running)\n";
        }
        StringBuilder s = new StringBuilder("  ").append(argv.get(0));
        for (int k = 1; k < argv.size(); k++) {
            String arg = argv.get(k);
            s.append(arg.startsWith("-") ? " \\\n    " : " ").append(arg);
        }
        return s.append('\n').toString();
    }
}
