package io.labvisor.it;

import io.labvisor.accel.AccelChoice;
import io.labvisor.accel.Accelerator;
import io.labvisor.compute.Instance;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.image.Image;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe's decision must hold up: whichever accelerator it picks, an instance launched with it boots. Where KVM
 * is listed but broken (as on this project's PVM hosts) it must pick TCG and say why.
 */
class AccelProbeIT {
    @Test
    void probedAcceleratorBootsAGuestAndTheAnswerIsCached() throws Exception {
        try (TestHost host = TestHost.create("auto")) {
            Image ami = host.registerTinyAmi();
            AccelChoice probed = host.labvisor().accel();
            assertEquals("probe", probed.source());
            assertFalse(probed.reason().isBlank());
            assertEquals("cached", host.labvisor().accel().source(), "second ask is answered from the cache");
            assertEquals(probed.accelerator(), host.labvisor().accel().accelerator());

            Instance i = host.labvisor().instances().run(RunRequest.of(ami.imageId(), "t3.nano", 1)).instances().get(0);
            assertEquals(probed.accelerator().label(), i.accel());
            assertTrue(new ConsoleLog(Path.of(i.consoleLog())).await(GuestLine.BOOT, Duration.ofMinutes(3)).isPresent(),
                    "a guest boots with the probed accelerator " + probed);
            String xml = host.labvisor().libvirt().domains().xml(i.instanceId()).orElseThrow();
            assertTrue(xml.contains("type=\"" + probed.accelerator().domainType() + "\"")
                    || xml.contains("type='" + probed.accelerator().domainType() + "'"), xml.substring(0, 200));
        }
    }

    @Test
    void explicitOverrideWins() {
        try (TestHost host = TestHost.create("tcg")) {
            AccelChoice c = host.labvisor().accel();
            assertEquals(Accelerator.TCG, c.accelerator());
            assertEquals("override", c.source());
        }
    }
}
