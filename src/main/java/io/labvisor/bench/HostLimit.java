package io.labvisor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host limit: the same fio job run on the host against a file on the filesystem that holds the volumes, the
 * way the host serves a guest's requests ({@link FioJob#hostArguments}): through the host page cache, because
 * that is where every profile's guest I/O ends (the guest's direct I/O bypasses only the guest's page cache; QEMU
 * in the emulated and virtio profiles, libvirt's default cache mode, and the storage card of nitro,
 * {@code cache.direct=false}, read and write the volume file through the host page cache), with the queue depth
 * as parallel threads, as their aio=threads pools run it. A guest request does all the host work of this job plus
 * the virtual device, the guest kernel and the exits in between, so no guest figure should beat it. With O_DIRECT
 * and libaio on the host (the disk itself, one thread) guests reading data the host still cached did
 * (seq-read-1m in the 2026-11-22 report).
 */
public final class HostLimit {
    private HostLimit() {
    }

    public static List<String> command(FioJob job, Path file, int sizeMiB, int rampSeconds, int runSeconds) {
        List<String> cmd = new ArrayList<>(List.of("fio"));
        cmd.addAll(job.hostArguments(file.toString(), sizeMiB, rampSeconds, runSeconds));
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
