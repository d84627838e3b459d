package io.labvisor.bench;

import io.labvisor.accel.Accelerator;
import io.labvisor.host.CpuSet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The floor for launch time: plain {@code qemu-system-x86_64} booting the same kernel and initramfs with nothing
 * else (no libvirt, no disk, no NIC, no cards). A hand-written command line is right here and only here: it is
 * what labvisor is compared against.
 * <p>
 * Pinned as labvisor pins an instance, so the ratio compares software, not CPU placement: the process starts on
 * the card CPUs (where libvirt's {@code emulatorpin} puts QEMU's main loop and helper threads) and each vCPU
 * thread is moved to the instance CPUs ({@code vcpupin}) as soon as it appears. QEMU names its threads
 * ({@code debug-threads=on}: "CPU 0/TCG", "CPU 1/KVM"), which is how they are told apart.
 */
public final class QemuFloor {
    private QemuFloor() {
    }

    /** Where the floor's threads run: the same partition as an instance's. */
    public record Pinning(CpuSet emulatorCpus, CpuSet vcpuCpus) {
    }

    /** Milliseconds from starting QEMU to the guest's LABVISOR-BOOT line. */
    public static double bootMillis(Accelerator accel, String kernel, String initrd, String cmdline, int memoryMiB,
                                    int vcpus, Pinning pinning, Duration timeout) throws IOException, InterruptedException {
        List<String> argv = List.of("/usr/bin/taskset", "-c", pinning.emulatorCpus().toString(),
                "qemu-system-x86_64", "-name", "labvisor-floor,debug-threads=on", "-accel", accel.label(),
                "-machine", "q35", "-cpu", accel == Accelerator.KVM ? "host" : "qemu64", "-m", Integer.toString(memoryMiB),
                "-smp", Integer.toString(vcpus), "-nodefaults", "-nographic", "-no-reboot", "-serial", "stdio",
                "-kernel", kernel, "-initrd", initrd, "-append", cmdline);
        long start = System.nanoTime();
        Process qemu = new ProcessBuilder(argv).redirectErrorStream(true).start();
        VcpuPinner pins = new VcpuPinner(qemu, vcpus, pinning.vcpuCpus(), start + timeout.toNanos());
        Thread pinner = new Thread(pins, "floor-vcpu-pinning");
        pinner.setDaemon(true);
        pinner.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = start + timeout.toNanos();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.contains("LABVISOR-BOOT")) {
                    double ms = (System.nanoTime() - start) / 1e6;
                    pinner.join(1000);
                    if (pins.pinned() < vcpus) {
                        throw new IOException("plain QEMU booted before its " + vcpus + " vCPU threads were pinned to "
                                + pinning.vcpuCpus() + " (" + pins.pinned() + " were)");
                    }
                    return ms;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            throw new IOException("plain QEMU printed no boot marker within " + timeout.toSeconds() + " s");
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
            pinner.interrupt();
        }
    }

    /** Moves each "CPU n/..." thread of {@code qemu} to {@code cpus} once it exists (QEMU creates them at start). */
    private static final class VcpuPinner implements Runnable {
        private final Process qemu;
        private final int vcpus;
        private final CpuSet cpus;
        private final long deadline;
        private final Set<String> done = java.util.concurrent.ConcurrentHashMap.newKeySet();

        VcpuPinner(Process qemu, int vcpus, CpuSet cpus, long deadline) {
            this.qemu = qemu;
            this.vcpus = vcpus;
            this.cpus = cpus;
            this.deadline = deadline;
        }

        /** vCPUs pinned so far; single-threaded TCG runs them all on one thread, "ALL CPUs/TCG". */
        int pinned() {
            return done.stream().anyMatch(t -> t.startsWith("all:")) ? vcpus : done.size();
        }

        @Override
        public void run() {
            Path tasks = Path.of("/proc", Long.toString(qemu.pid()), "task");
            try {
                while (pinned() < vcpus && qemu.isAlive() && System.nanoTime() < deadline) {
                    try (Stream<Path> ts = Files.list(tasks)) {
                        for (Path t : ts.toList()) {
                            String tid = t.getFileName().toString();
                            String comm = comm(t);
                            boolean vcpu = comm.matches("CPU \\d+/.*") || comm.startsWith("ALL CPUs/");
                            if (vcpu && !done.contains(tid) && !done.contains("all:" + tid) && pin(tid)) {
                                done.add(comm.startsWith("ALL") ? "all:" + tid : tid);
                            }
                        }
                    } catch (IOException e) {
                        // a thread went away between listing and reading: look again
                    }
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean pin(String tid) throws InterruptedException {
            try {
                return new ProcessBuilder("/usr/bin/taskset", "-p", "-c", cpus.toString(), tid)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
