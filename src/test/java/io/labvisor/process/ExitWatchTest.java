package io.labvisor.process;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitWatchTest {
    @Test
    void callsBackOnceAfterAKilledProcessExits() throws Exception {
        Process p = new ProcessBuilder("sleep", "60").start();
        CountDownLatch exited = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        ExitWatch.onExit(ProcessHandle.of(p.pid()).orElseThrow(), () -> {
            calls.incrementAndGet();
            exited.countDown();
        });
        assertTrue(ExitWatch.running(p.toHandle()));
        p.destroyForcibly();
        assertTrue(exited.await(2, TimeUnit.SECONDS), "no callback within 2 s");
        Thread.sleep(300); // both the JDK's exit notice and the poll have had their chance
        assertEquals(1, calls.get());
        assertFalse(ExitWatch.running(p.toHandle()));
    }
}
