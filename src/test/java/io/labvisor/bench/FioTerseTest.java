package io.labvisor.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FioTerseTest {
    @Test
    void readsTheRealFiosTerseOutput(@TempDir Path dir) throws Exception {
        // the real fio (installed by the set-up), buffered I/O on a small file: only the shape matters here
        List<String> cmd = new ArrayList<>(List.of("fio"));
        cmd.addAll(new FioJob("rw", "randrw", "4k", 1).arguments(dir.resolve("f").toString(), 8, 0, 1));
        cmd.replaceAll(a -> a.equals("--direct=1") ? "--direct=0" : a.equals("--ioengine=libaio") ? "--ioengine=psync" : a);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        FioTerse t = FioTerse.parse(out.lines().reduce((a, b) -> b).orElseThrow());
        assertEquals("rw", t.job());
        assertTrue(t.readIops() > 0 && t.writeIops() > 0, t.toString());
        assertTrue(t.readKiBps() / t.readIops() > 3.5 && t.readKiBps() / t.readIops() < 4.5, "4 KiB per I/O: " + t);
        assertTrue(t.readLatencyUs() > 0 && t.writeLatencyUs() > 0, t.toString());
    }

    @Test
    void refusesOtherOutput() {
        assertThrows(IllegalArgumentException.class, () -> FioTerse.parse("fio-3.33 whatever"));
    }

    @Test
    void standardJobsCoverWhatTheBenchmarkPromises() {
        assertEquals(6, FioJob.STANDARD.size());
        assertTrue(FioJob.STANDARD.stream().anyMatch(j -> j.blockSize().equals("4k") && j.iodepth() == 32 && !j.reads()));
        assertTrue(FioJob.STANDARD.get(0).arguments("/dev/vdb", 64, 2, 5).contains("--direct=1"));
    }
}
