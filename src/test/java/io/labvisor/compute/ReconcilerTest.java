package io.labvisor.compute;

import io.labvisor.domain.DomainSpec;
import io.labvisor.domain.DomainType;
import io.labvisor.domain.DomainXml;
import io.labvisor.domain.LabvisorMetadata;
import io.labvisor.ec2.ResourceId;
import io.labvisor.image.Image;
import io.labvisor.virt.Domains.PowerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconciliation on the fake host, after changes labvisor did not see (the fake's events muted, as for a
 * labvisor that was down): libvirt is the truth about what runs, rows follow it, unknown domains are only reported.
 */
class ReconcilerTest {
    @TempDir
    Path dir;
    private FakeCompute compute;
    private Image ami;

    @BeforeEach
    void setUp() {
        compute = new FakeCompute(dir);
        ami = compute.ami();
    }

    @AfterEach
    void tearDown() {
        compute.close();
    }

    @Test
    void anInstanceWhoseDomainVanishedIsTerminated() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        unseen(() -> compute.host.domains().vanish(id));

        Reconciler.Report report = compute.reconciler.reconcile();

        assertEquals(List.of(id + ": running -> terminated"), report.changes());
        assertEquals(InstanceState.TERMINATED, compute.state(id));
        assertEquals(List.of(), compute.poolVolumes(), "its delete-on-termination root volume went with it");
        assertEquals(List.of(), compute.volumes.all());
    }

    @Test
    void aStoppedInstanceWhoseDomainRunsIsRunning() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        compute.instances.stop(List.of(id), false);
        unseen(() -> compute.host.domains().startBehindTheBack(id));

        assertEquals(List.of(id + ": stopped -> running"), compute.reconciler.reconcile().changes());
        assertEquals(InstanceState.RUNNING, compute.state(id));
    }

    @Test
    void aRunningInstanceWhoseGuestPoweredOffIsStopped() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        unseen(() -> compute.host.domains().guestPowersOff(id));

        assertEquals(List.of(id + ": running -> stopped"), compute.reconciler.reconcile().changes());
        Instance row = compute.rows.find(id).orElseThrow();
        assertEquals(InstanceState.STOPPED, row.state());
        assertEquals(InstanceLifecycle.GUEST_SHUTDOWN, row.stateReason());
        assertEquals(Optional.of(PowerState.SHUTOFF), compute.host.domains().state(id), "the domain is kept");
    }

    @Test
    void aPendingInstanceWhoseStartWasMissedIsRunning() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        compute.rows.transition(id, List.of(InstanceState.RUNNING), InstanceState.PENDING, null);

        assertEquals(List.of(id + ": pending -> running"), compute.reconciler.reconcile().changes());
        assertEquals(InstanceState.RUNNING, compute.state(id));
    }

    @Test
    void aTerminationCutShortIsFinished() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        compute.rows.transition(id, List.of(InstanceState.RUNNING), InstanceState.SHUTTING_DOWN, null);

        assertEquals(List.of(id + ": shutting-down -> terminated"), compute.reconciler.reconcile().changes());
        assertEquals(Optional.empty(), compute.host.domains().state(id));
        assertEquals(List.of(), compute.poolVolumes());
    }

    @Test
    void domainsOfNoRowAreReportedNotTouched() {
        String stray = ResourceId.INSTANCE.next();
        String foreign = ResourceId.INSTANCE.next();
        compute.host.domains().define(domain(stray, Optional.of(LabvisorMetadata.of(stray))));
        compute.host.domains().define(domain(foreign, Optional.empty()));
        compute.host.domains().define(domain("web", Optional.empty()));
        compute.host.domains().start(stray);

        Reconciler.Report report = compute.reconciler.reconcile();

        assertEquals(List.of(stray), report.unknownDomains(), "only the one carrying labvisor metadata");
        assertEquals(List.of(), report.changes());
        assertEquals(Optional.of(PowerState.RUNNING), compute.host.domains().state(stray), "left running");
        assertEquals(List.of(stray, foreign, "web"), compute.host.domains().names());
    }

    @Test
    void aLaunchInFlightIsLeftAloneAndAnAbandonedOneIsUndone() {
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        Instance pending = new Instance(ResourceId.INSTANCE.next(), ResourceId.RESERVATION.next(), ami.imageId(),
                "t3.micro", 0, InstanceState.PENDING, null, longAgo, longAgo, 1024, 2, "tcg", IoProfile.VIRTIO,
                MacAddresses.random(), Optional.empty(), "labvisor-default", dir.resolve("console.log").toString());
        compute.db.write(c -> InstanceRepository.insert(c, pending));
        String id = pending.instanceId();

        try (InstancesInFlight.Handle held = compute.inFlight.hold(List.of(id))) {
            assertEquals(List.of(), compute.reconciler.reconcile().changes());
            assertEquals(InstanceState.PENDING, compute.state(id), "its launch is still under way here");
        }
        assertEquals(List.of(id + ": pending -> removed"), compute.reconciler.reconcile().changes());
        assertTrue(compute.rows.find(id).isEmpty(), "a first launch nobody holds, older than the grace, is undone");
    }

    /** Runs {@code change} with the fake's events muted: labvisor does not see it happen. */
    private void unseen(Runnable change) {
        compute.host.settle();
        compute.host.mute(true);
        try {
            change.run();
        } finally {
            compute.host.mute(false);
        }
    }

    private static String domain(String name, Optional<LabvisorMetadata> metadata) {
        DomainSpec.Builder b = DomainSpec.builder(DomainType.QEMU, name).memoryMiB(256).vcpus(1);
        metadata.ifPresent(b::metadata);
        return DomainXml.write(b.build());
    }
}
