package io.labvisor.compute;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.Image;
import io.labvisor.virt.Domains.PowerState;
import io.labvisor.virt.fake.FakeCall;
import io.labvisor.volume.Volume;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stop, start and the guest's own power-off on the fake host: the domain and root volume stay, the instance store
 * and cards go with the stop, a start redefines the same domain (its UUID) and libvirt's events move the rows.
 */
class StopStartTest {
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
    void stopKeepsDomainAndRootVolumeAndStartBringsThemBack() {
        String id = compute.launch(ami, "c5d.large").instanceId();
        String uuid = compute.host.domains().uuid(id).orElseThrow();
        Volume root = compute.volumes.attachedTo(id).get(0);

        assertEquals(List.of(new StateChange(id, InstanceState.RUNNING, InstanceState.STOPPING)),
                compute.instances.stop(List.of(id), false));
        assertEquals(InstanceState.STOPPED, compute.state(id));
        assertEquals(Optional.of(PowerState.SHUTOFF), compute.host.domains().state(id));
        assertTrue(compute.host.calls().contains("domain.shutdown " + id), "gracefully: the power button");
        assertEquals(List.of(root.poolVolume()), compute.poolVolumes(), "the instance store went with the stop");
        assertTrue(compute.storageCards.stopped().contains(id));

        assertEquals(List.of(new StateChange(id, InstanceState.STOPPED, InstanceState.PENDING)),
                compute.instances.start(List.of(id)));
        assertEquals(InstanceState.RUNNING, compute.state(id), "STARTED made it running");
        assertEquals(Optional.of(PowerState.RUNNING), compute.host.domains().state(id));
        assertEquals(Optional.of(uuid), compute.host.domains().uuid(id), "the same domain, redefined");
        assertTrue(compute.poolVolumes().containsAll(List.of(root.poolVolume(), InstanceStore.volumeName(id))),
                "same root volume, a new instance store");
    }

    @Test
    void aForcedStopPullsThePlug() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        compute.instances.stop(List.of(id), true);
        assertEquals(InstanceState.STOPPED, compute.state(id));
        assertTrue(compute.host.calls().contains("domain.destroy " + id));
        assertFalse(compute.host.calls().contains("domain.shutdown " + id));
    }

    @Test
    void aStartThatFailsLeavesTheInstanceStopped() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        compute.instances.stop(List.of(id), false);
        compute.host.failNext(FakeCall.DOMAIN_START);
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> compute.instances.start(List.of(id)));
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertEquals(InstanceState.STOPPED, compute.state(id));
        assertEquals(InstanceService.START_FAILED, compute.rows.find(id).orElseThrow().stateReason());
        assertEquals(Optional.of(PowerState.SHUTOFF), compute.host.domains().state(id));
        compute.instances.start(List.of(id));
        assertEquals(InstanceState.RUNNING, compute.state(id), "and it can be started again");
    }

    @Test
    void aStartWithoutItsRootVolumeFailsAndLeavesTheInstanceStopped() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        compute.instances.stop(List.of(id), false);
        Volume root = compute.volumes.attachedTo(id).get(0);
        compute.host.pools().deleteVolumeIfExists(FakeCompute.POOL, root.poolVolume()); // lost behind labvisor's back
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> compute.instances.start(List.of(id)));
        assertTrue(e.getMessage().contains(root.path()), e.getMessage());
        assertEquals(InstanceState.STOPPED, compute.state(id));
    }

    @Test
    void startingARunningInstanceChangesNothing() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        int calls = compute.host.calls().size();
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> compute.instances.start(List.of(id)));
        assertEquals(ErrorCode.INCORRECT_INSTANCE_STATE, e.code());
        assertEquals(calls, compute.host.calls().size(), "libvirt untouched");
        assertEquals(InstanceState.RUNNING, compute.state(id));
    }

    @Test
    void aGuestThatPowersItselfOffIsStoppedAndLosesItsInstanceStore() {
        String id = compute.launch(ami, "c5d.large").instanceId();
        assertTrue(compute.poolVolumes().contains(InstanceStore.volumeName(id)));
        compute.host.domains().guestPowersOff(id);
        assertEquals(InstanceState.STOPPED, compute.state(id));
        Instance row = compute.rows.find(id).orElseThrow();
        assertEquals(InstanceLifecycle.GUEST_SHUTDOWN, row.stateReason());
        assertFalse(compute.poolVolumes().contains(InstanceStore.volumeName(id)), "GuestPowerOff freed it");
        assertTrue(compute.storageCards.stopped().contains(id));
        assertEquals(Optional.of(PowerState.SHUTOFF), compute.host.domains().state(id), "the domain stays defined");
    }

    @Test
    void anEmulatorThatDiesStopsTheInstanceAsCrashed() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        compute.host.domains().emulatorDies(id);
        assertEquals(InstanceState.STOPPED, compute.state(id));
        assertEquals(InstanceLifecycle.CRASHED, compute.rows.find(id).orElseThrow().stateReason());
    }

    @Test
    void rebootAsksTheGuestAndKeepsItRunning() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        compute.instances.reboot(List.of(id));
        assertEquals(1, compute.host.domains().reboots(id));
        assertEquals(InstanceState.RUNNING, compute.state(id));
        assertNotEquals(Optional.empty(), compute.host.domains().xml(id));
    }
}
