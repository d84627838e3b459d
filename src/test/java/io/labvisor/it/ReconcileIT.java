package io.labvisor.it;

import io.labvisor.Labvisor;
import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceState;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.image.Image;
import io.labvisor.store.Database;
import io.labvisor.volume.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** libvirt is the truth: when labvisor starts, its rows follow what libvirt says runs. */
class ReconcileIT {
    private static TestHost host;
    private static Image ami;

    @BeforeAll
    static void setUp() {
        host = TestHost.create();
        ami = host.registerTinyAmi();
    }

    @AfterAll
    static void tearDown() {
        host.close();
    }

    private Instance launchAndBoot() throws InterruptedException {
        Instance i = host.labvisor().instances().run(RunRequest.of(ami.imageId(), "t3.nano", 1)).instances().get(0);
        assertTrue(new ConsoleLog(Path.of(i.consoleLog())).await(GuestLine.BOOT, Duration.ofMinutes(3)).isPresent());
        return i;
    }

    @Test
    void aDomainStoppedBehindLabvisorsBackIsStoppedAfterRestart() throws Exception {
        Instance i = launchAndBoot();
        // someone pulls the plug with libvirt directly; a labvisor started afterwards must see it
        host.labvisor().libvirt().connect().domainLookupByName(i.instanceId()).destroy();
        try (Labvisor restarted = host.reopen()) {
            Instance after = restarted.instances().require(i.instanceId());
            assertEquals(InstanceState.STOPPED, after.state());
        }
    }

    @Test
    void aTerminationInterruptedByACrashIsFinishedOnRestart() throws Exception {
        Instance i = launchAndBoot();
        List<Volume> root = host.labvisor().volumes().attachedTo(i.instanceId());
        // labvisor crashed right after recording shutting-down, before touching libvirt
        try (Database db = Database.open(host.config().databaseFile())) {
            db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE instances SET state = 'shutting-down' WHERE id = ?")) {
                    ps.setString(1, i.instanceId());
                    ps.executeUpdate();
                }
            });
        }
        try (Labvisor restarted = host.reopen()) {
            assertTrue(restarted.reconciled().changes().contains(i.instanceId() + ": shutting-down -> terminated"),
                    restarted.reconciled().changes().toString());
            assertEquals(InstanceState.TERMINATED, restarted.instances().require(i.instanceId()).state());
            assertTrue(restarted.libvirt().domains().state(i.instanceId()).isEmpty(), "domain removed");
            assertFalse(restarted.libvirt().pools().volumes(host.config().poolName()).contains(root.get(0).poolVolume()),
                    "root volume removed");
        }
    }
}
