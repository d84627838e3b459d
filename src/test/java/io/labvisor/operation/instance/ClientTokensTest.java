package io.labvisor.operation.instance;

import io.labvisor.ec2.Ec2Exception;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RunInstances' ClientToken: a retried request launches once and answers the first reservation. */
class ClientTokensTest {
    private record Request(String imageId) {
    }

    @Test
    void aRetryWhileTheFirstStillRunsWaitsForItsAnswerAndLaunchesNothing() throws Exception {
        ClientTokens<String> tokens = new ClientTokens<>();
        AtomicInteger launches = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> tokens.once("t-1", new Request("ami-1"), () -> {
                launches.incrementAndGet();
                started.countDown();
                await(release);
                return "r-1";
            }));
            started.await(10, TimeUnit.SECONDS);
            Future<String> retry = pool.submit(() -> tokens.once("t-1", new Request("ami-1"), () -> {
                launches.incrementAndGet();
                return "r-2";
            }));
            release.countDown();
            assertEquals("r-1", first.get(10, TimeUnit.SECONDS));
            assertEquals("r-1", retry.get(10, TimeUnit.SECONDS));
            assertEquals("r-1", tokens.once("t-1", new Request("ami-1"), () -> "r-3"));
            assertEquals(1, launches.get());
            assertEquals("r-4", tokens.once(null, new Request("ami-1"), () -> "r-4"), "no token: no replay");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameTokenWithOtherParametersIsRefusedAndAFailedLaunchMayBeRetried() {
        ClientTokens<String> tokens = new ClientTokens<>();
        assertThrows(IllegalStateException.class, () -> tokens.once("t-2", new Request("ami-1"), () -> {
            throw new IllegalStateException("launch failed");
        }));
        assertEquals("r-1", tokens.once("t-2", new Request("ami-1"), () -> "r-1"));
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> tokens.check("t-2", new Request("ami-2")));
        assertEquals("IdempotentParameterMismatch", e.code().code());
        tokens.check("t-2", new Request("ami-1"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
