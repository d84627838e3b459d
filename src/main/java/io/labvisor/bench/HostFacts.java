package io.labvisor.bench;

import io.labvisor.Labvisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a reader needs to judge a figure: the CPU, the accelerator, the software versions, the partition. */
public record HostFacts(String hostname, String cpuModel, int cpus, long memoryMiB, String kernel, String accel,
                        String accelReason, String qemu, String libvirt, String cardCpus, String instanceCpus) {

    public static HostFacts read(Labvisor lv) {
        var host = lv.libvirt().host();
        var accel = lv.accel();
        return new HostFacts(host.hostname(), readCpuModel(), host.cpus(), host.memoryMiB(),
                System.getProperty("os.version"), accel.accelerator().label(), accel.reason(),
                host.hypervisorVersion(), host.libvirtVersion(), lv.partition().cardCpus().toString(),
                lv.partition().instanceCpus().toString());
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Host memory in use (MemTotal - MemAvailable), MiB. */
    public static long memoryUsedMiB() {
        try {
            long total = 0;
            long available = 0;
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    total = Long.parseLong(l.replaceAll("[^0-9]", ""));
                } else if (l.startsWith("MemAvailable:")) {
                    available = Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
            return (total - available) / 1024;
        } catch (IOException e) {
            return -1;
        }
    }
}
