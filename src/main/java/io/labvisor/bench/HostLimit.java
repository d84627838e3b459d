package io.labvisor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host limit: the same fio job run on the host against a file on the filesystem that holds the volumes, with
 * direct I/O. No guest can beat it; every guest figure is read against it.
 */
public final class HostLimit {
    private HostLimit() {
    }

    public static FioTerse run(FioJob job, Path file, int sizeMiB, int rampSeconds, int runSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("fio"));
        cmd.addAll(job.arguments(file.toString(), sizeMiB, rampSeconds, runSeconds));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(runSeconds + rampSeconds + 120L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("host fio " + job.name() + " failed: " + err);
        }
        try {
            return FioTerse.parse(out.lines().filter(l -> l.startsWith("3;")).reduce((a, b) -> b).orElse(out));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
