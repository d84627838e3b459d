package io.labvisor.it;

import io.labvisor.imds.MetadataService;
import io.labvisor.imds.MetadataWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * labvisord's watch over the instance metadata server: the real server (in the labvisor namespace) is
 * killed and comes back, found by its pidfile as a launch would find it.
 */
class MetadataWatchIT {
    private static TestHost host;

    @BeforeAll
    static void setUp() {
        host = TestHost.create();
    }

    @AfterAll
    static void tearDown() {
        host.close();
    }

    @Test
    void aKilledMetadataServerIsStartedAgain() throws Exception {
        MetadataService service = host.labvisor().metadata();
        try (MetadataWatch watch = new MetadataWatch(service::ensure)) {
            long first = watch.start();
            assertEquals(first, service.find().orElseThrow().pid());
            ProcessHandle.of(first).orElseThrow().destroy();
            // a JVM start on a busy 2-CPU host: minutes, not seconds
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (!(watch.pid() != first && service.find().map(p -> p.pid() == watch.pid()).orElse(false))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no new metadata server; log " + service.logFile());
                }
                Thread.sleep(200);
            }
            assertFalse(watch.gaveUp());
        }
    }
}
