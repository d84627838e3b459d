package io.labvisor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host limit: the same fio job run on the host against a file on the filesystem that holds the volumes,
 * through the host page cache ({@code --direct=0}), because that is where every profile's guest I/O ends: the
 * guest's direct I/O bypasses only the guest's page cache; QEMU (emulated, virtio: libvirt's default cache mode)
 * and the storage card (nitro: {@code cache.direct=false}) then read and write the volume file through the host
 * page cache. A guest request does all the host work of this job plus the virtual device, the guest kernel and
 * the exits in between, so no guest figure can beat it; with O_DIRECT on the host (the device itself) guests
 * reading data the host still caches did (seq-read-1m, 2026-11-22 report).
 */
public final class HostLimit {
    private HostLimit() {
    }

    public static List<String> command(FioJob job, Path file, int sizeMiB, int rampSeconds, int runSeconds) {
        List<String> cmd = new ArrayList<>(List.of("fio"));
        cmd.addAll(job.arguments(file.toString(), sizeMiB, rampSeconds, runSeconds, false));
        return cmd;
    }

    public static FioTerse run(FioJob job, Path file, int sizeMiB, int rampSeconds, int runSeconds)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(job, file, sizeMiB, rampSeconds, runSeconds))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(runSeconds + rampSeconds + 120L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("host fio " + job.name() + " failed (exit " + (p.isAlive() ? "none" : p.exitValue())
                    + "): " + out.strip());
        }
        try {
            return FioTerse.parse(out.lines().filter(l -> l.startsWith("3;")).reduce((a, b) -> b).orElse(out));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
