package io.labvisor.compute;

import io.labvisor.image.Image;
import io.labvisor.net.DefaultNetwork;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TerminateInstances on the fake host: the domain goes, then the volumes deleted with it; the others stay. */
class InstanceTerminationTest {
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
    void terminationRemovesTheDomainAndTheVolumesDeletedWithIt() {
        Instance i = compute.instances.run(new RunRequest(ami.imageId(), "c5d.large", 1, 1,
                Optional.of(IoProfile.VIRTIO), Optional.empty(), Optional.empty(), List.of(), List.of(),
                List.of(BlockDeviceMapping.ebs("/dev/sdf", BlockDeviceMapping.Ebs.of(1, "gp2", false)),
                        BlockDeviceMapping.ebs("/dev/sdg", BlockDeviceMapping.Ebs.of(1, "gp2", true)))))
                .instances().get(0);
        String id = i.instanceId();
        assertEquals(InstanceState.RUNNING, compute.state(id));
        Volume root = device(id, "/dev/xvda");
        Volume kept = device(id, "/dev/sdf");
        Volume deleted = device(id, "/dev/sdg");
        assertTrue(compute.poolVolumes().contains(InstanceStore.volumeName(id)), "c5d has an instance store");

        List<StateChange> changes = compute.instances.terminate(List.of(id));

        assertEquals(List.of(new StateChange(id, InstanceState.RUNNING, InstanceState.TERMINATED)), changes);
        assertEquals(InstanceState.TERMINATED, compute.state(id));
        assertEquals(Optional.empty(), compute.host.domains().state(id), "domain destroyed and undefined");
        assertEquals(List.of(kept.poolVolume()), compute.poolVolumes(),
                "root, delete-on-termination volume and instance store deleted; the other kept");
        assertEquals(List.of(kept.volumeId()), compute.volumes.all().stream().map(Volume::volumeId).toList());
        Volume left = compute.volumes.find(kept.volumeId()).orElseThrow();
        assertEquals("available", left.state());
        assertEquals(Optional.empty(), left.instanceId(), "detached");
        assertEquals(List.of(), compute.host.networks().dhcpHosts(DefaultNetwork.NAME), "its address released");
        assertTrue(compute.storageCards.stopped().contains(id));

        List<String> calls = compute.host.calls();
        int stopped = calls.indexOf("domain.shutdown " + id);
        int undefined = calls.indexOf("domain.undefine " + id);
        assertTrue(stopped >= 0 && stopped < undefined, calls.toString());
        for (Volume v : List.of(root, deleted)) {
            assertTrue(calls.indexOf("volume.delete " + v.poolVolume()) > undefined,
                    v.poolVolume() + " deleted after the domain was gone: " + calls);
        }
        assertFalse(calls.contains("volume.delete " + kept.poolVolume()));
    }

    @Test
    void aGuestThatIgnoresThePowerButtonIsDestroyed() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        compute.host.domains().ignoreAcpi(id);
        compute.instances.terminate(List.of(id));
        assertEquals(InstanceState.TERMINATED, compute.state(id));
        assertEquals(Optional.empty(), compute.host.domains().state(id));
        assertTrue(compute.host.calls().contains("domain.destroy " + id));
    }

    @Test
    void aStoppedInstanceTerminatesWithoutAStop() {
        String id = compute.launch(ami, "t3.micro").instanceId();
        compute.instances.stop(List.of(id), false);
        assertEquals(InstanceState.STOPPED, compute.state(id));
        int before = compute.host.calls().size();
        compute.instances.terminate(List.of(id));
        assertEquals(InstanceState.TERMINATED, compute.state(id));
        List<String> after = compute.host.calls().subList(before, compute.host.calls().size());
        assertTrue(after.stream().noneMatch(c -> c.startsWith("domain.shutdown") || c.startsWith("domain.destroy")),
                after.toString());
        assertTrue(after.contains("domain.undefine " + id));
        assertEquals(List.of(), compute.poolVolumes());
    }

    private Volume device(String instanceId, String device) {
        return compute.volumes.attachedTo(instanceId).stream()
                .filter(v -> v.deviceName().equals(Optional.of(device))).findFirst().orElseThrow();
    }
}
