package io.labvisor.bench;

import io.labvisor.accel.Accelerator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The floor for launch time: plain {@code qemu-system-x86_64} booting the same kernel and initramfs with nothing
 * else (no libvirt, no disk, no NIC, no cards). A hand-written command line is right here and only here: it is
 * what labvisor is compared against.
 */
public final class QemuFloor {
    private QemuFloor() {
    }

    /** Milliseconds from starting QEMU to the guest's LABVISOR-BOOT line. */
    public static double bootMillis(Accelerator accel, String kernel, String initrd, String cmdline, int memoryMiB,
                                    int vcpus, Duration timeout) throws IOException, InterruptedException {
        List<String> argv = List.of("qemu-system-x86_64", "-accel", accel.label(), "-machine", "q35",
                "-cpu", accel == Accelerator.KVM ? "host" : "qemu64", "-m", Integer.toString(memoryMiB),
                "-smp", Integer.toString(vcpus), "-nodefaults", "-nographic", "-no-reboot", "-serial", "stdio",
                "-kernel", kernel, "-initrd", initrd, "-append", cmdline);
        long start = System.nanoTime();
        Process qemu = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = start + timeout.toNanos();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.contains("LABVISOR-BOOT")) {
                    return (System.nanoTime() - start) / 1e6;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            throw new IOException("plain QEMU printed no boot marker within " + timeout.toSeconds() + " s");
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
