package io.labvisor.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class FioJobTest {
    private static final FioJob SEQ_READ = FioJob.STANDARD.get(0);

    @Test
    void guestsUseDirectIoAndTheHostLimitGoesThroughThePageCacheAsTheGuestsDisksDo() {
        assertTrue(SEQ_READ.arguments("/fio.dat", 128, 2, 5).contains("--direct=1"));
        List<String> host = HostLimit.command(SEQ_READ, Path.of("/pool/x.dat"), 128, 2, 5);
        assertTrue(host.contains("--direct=0"), host.toString());
        // queue depth 16 becomes 16 threads, as QEMU's and the storage card's thread pools run a guest's queue
        assertTrue(host.containsAll(List.of("fio", "--rw=read", "--bs=1m", "--ioengine=psync", "--numjobs=16",
                "--ramp_time=2", "--runtime=5", "--filename=/pool/x.dat", "--group_reporting")), host.toString());
    }
}
