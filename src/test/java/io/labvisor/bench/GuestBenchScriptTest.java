package io.labvisor.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestBenchScriptTest {
    @Test
    void scriptIsValidShellAndRunsEveryJobEveryRepetition() throws Exception {
        String script = GuestBenchScript.client(new GuestBenchScript.Disk(FioJob.STANDARD, 2, "/fio.dat", 128, 2, 5),
                List.of("172.31.0.1"), 5);
        assertTrue(script.startsWith("#!/bin/sh\n"));
        assertEquals(12, script.lines().filter(l -> l.contains("LABVISOR-FIO rep=")).count());
        assertTrue(script.contains("--direct=1"));
        assertTrue(script.contains("iperf3 -c 172.31.0.1 -t 5"));
        assertTrue(script.strip().endsWith("LABVISOR-BENCH-DONE"));
        Path f = Files.createTempFile("bench", ".sh");
        Files.writeString(f, script);
        Process p = new ProcessBuilder("sh", "-n", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "sh -n: " + out);
        Files.delete(f);
    }
}
