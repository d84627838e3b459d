package io.labvisor.compute;

import io.labvisor.domain.DomainXml;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.Image;
import io.labvisor.net.DefaultNetwork;
import io.labvisor.net.sg.SecurityGroupFilters;
import io.labvisor.virt.Domains.PowerState;
import io.labvisor.virt.fake.FakeCall;
import io.labvisor.virt.fake.FakeStoragePools;
import io.labvisor.volume.Volume;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RunInstances on the fake host: what a launch leaves, and that a failed one leaves nothing. */
class InstanceLaunchTest {
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
    void aLaunchDefinesAndStartsTheDomainOnAnOverlayOfTheAmi() {
        Instance i = compute.launch(ami, "t3.micro");
        String id = i.instanceId();
        assertEquals(InstanceState.RUNNING, compute.state(id), "STARTED made the row running");
        assertEquals(Optional.of(PowerState.RUNNING), compute.host.domains().state(id));
        assertTrue(compute.host.domains().persistent(id));
        Volume root = compute.volumes.attachedTo(id).get(0);
        FakeStoragePools.Volume overlay = compute.host.pools().list(FakeCompute.POOL).stream()
                .filter(v -> v.name().equals(root.poolVolume())).findFirst().orElseThrow();
        assertEquals(compute.host.pools().volumePath(FakeCompute.POOL, ami.rootVolume()), overlay.backingPath());
        String xml = compute.host.domains().xml(id).orElseThrow();
        assertTrue(xml.contains(root.path()), "the domain's disk is the root volume");
        assertEquals(id, DomainXml.readMetadata(xml).orElseThrow().instanceId());
        assertEquals(List.of(i.privateIp().orElseThrow()), compute.host.networks().dhcpHosts(DefaultNetwork.NAME)
                .stream().map(h -> h.ip()).toList(), "its address is leased to its MAC");
    }

    @Test
    void aDomainThatFailsToStartLeavesNothing() {
        compute.host.failNext(FakeCall.DOMAIN_START);
        assertNothingLeftAfterFailedLaunch();
        assertTrue(compute.host.calls().contains("domain.undefine " + onlyDefinedDomain()),
                "the defined domain was undefined again");
    }

    @Test
    void aDefinitionThatFailsLeavesNothing() {
        compute.host.failNext(FakeCall.DOMAIN_DEFINE);
        assertNothingLeftAfterFailedLaunch();
    }

    @Test
    void aRootVolumeThatCannotBeCreatedLeavesNothing() {
        compute.host.failNext(FakeCall.VOLUME_CREATE);
        assertNothingLeftAfterFailedLaunch();
    }

    @Test
    void theSecondInstanceFailingTakesTheFirstDownToo() {
        compute.host.failNth(FakeCall.DOMAIN_START, 2);
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> compute.instances.run(new RunRequest(ami.imageId(),
                "t3.micro", 2, 2, Optional.of(IoProfile.VIRTIO), Optional.empty(), Optional.empty(), List.of())));
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertTrue(e.getMessage().contains("injected by the test"), e.getMessage());
        compute.host.settle();
        assertTrue(compute.host.calls().stream().anyMatch(c -> c.startsWith("domain.destroy ")),
                "the first, running, was destroyed");
        assertLeftNothing();
    }

    @Test
    void aRolledBackLaunchGivesItsCapacityBack() {
        // All the host's instance memory in one reservation: it fits only if the failed launch released its share.
        int fits = maxCount("m5.large");
        compute.host.failNext(FakeCall.DOMAIN_START);
        assertThrows(Ec2Exception.class, () -> run("m5.large", fits));
        assertEquals(fits, run("m5.large", fits).instances().size());
        assertThrows(Ec2Exception.class, () -> run("m5.large", 1), "and the host is full now");
    }

    private int maxCount(String type) {
        int n = 0;
        while (n < 64) {
            try {
                compute.capacity.check(List.of(), List.of(), type, compute.catalog.require(type).vcpus(),
                        compute.catalog.require(type).memoryMiB(), IoProfile.VIRTIO, n + 1);
                n++;
            } catch (Ec2Exception e) {
                break;
            }
        }
        assertTrue(n > 0, "the fake host holds at least one " + type);
        return n;
    }

    private Reservation run(String type, int count) {
        return compute.instances.run(new RunRequest(ami.imageId(), type, count, count, Optional.of(IoProfile.VIRTIO),
                Optional.empty(), Optional.empty(), List.of()));
    }

    private String onlyDefinedDomain() {
        return compute.host.calls().stream().filter(c -> c.startsWith("domain.define "))
                .map(c -> c.substring("domain.define ".length())).findFirst().orElseThrow();
    }

    private void assertNothingLeftAfterFailedLaunch() {
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> compute.launch(ami, "t3.micro"));
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertTrue(e.getMessage().contains("injected by the test"), e.getMessage());
        assertLeftNothing();
    }

    /** No domain, no volume but the AMI's, no row (so no capacity held), no lease, no NIC filter. */
    private void assertLeftNothing() {
        compute.host.settle();
        assertEquals(List.of(), compute.host.domains().names(), "no domain");
        assertEquals(List.of(), compute.poolVolumes(), "no volume but the AMI's");
        assertEquals(List.of(), compute.rows.all(), "no instance row, pending or otherwise");
        assertEquals(List.of(), compute.volumes.all(), "no volume row");
        assertEquals(List.of(), compute.host.networks().dhcpHosts(DefaultNetwork.NAME), "no DHCP host");
        assertEquals(List.of(), compute.host.nwfilters().names().stream()
                .filter(n -> n.startsWith(SecurityGroupFilters.eniFilter(""))).toList(), "no NIC filter");
    }
}
