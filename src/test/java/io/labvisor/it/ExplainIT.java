package io.labvisor.it;

import io.labvisor.compute.Instance;
import io.labvisor.compute.RunRequest;
import io.labvisor.console.ConsoleLog;
import io.labvisor.console.GuestLine;
import io.labvisor.explain.Anatomy;
import io.labvisor.explain.AnatomyReader;
import io.labvisor.explain.AnatomySvg;
import io.labvisor.explain.AnatomyText;
import io.labvisor.explain.HostThread;
import io.labvisor.explain.ProcTasks;
import io.labvisor.explain.ThreadRole;
import io.labvisor.host.CpuSet;
import io.labvisor.host.HostPartition;
import io.labvisor.image.Image;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** explain reads the live host: its thread table must match /proc, and its command line QEMU's own. */
class ExplainIT {
    @Test
    void anatomyOfARunningInstanceMatchesProc() throws Exception {
        try (TestHost host = TestHost.create()) {
            Image ami = host.registerTinyAmi();
            Instance i = host.labvisor().instances().run(RunRequest.of(ami.imageId(), "t3.micro", 1)).instances().get(0);
            assertTrue(new ConsoleLog(Path.of(i.consoleLog())).await(GuestLine.BOOT, Duration.ofMinutes(3)).isPresent());

            Anatomy a = new AnatomyReader(host.labvisor(), ProcTasks.host()).read(i.instanceId());
            int pid = a.qemuPid().orElseThrow();
            assertTrue(a.qemuCommandLine().get(0).endsWith("qemu-system-x86_64"), a.qemuCommandLine().toString());
            assertTrue(a.qemuCommandLine().contains("guest=" + i.instanceId() + ",debug-threads=on"));
            List<HostThread> vcpus = a.threads().stream().filter(t -> t.role() == ThreadRole.VCPU).toList();
            assertEquals(2, vcpus.size(), "t3.micro has two vCPU threads: " + a.threads());
            assertEquals(1, a.threads().stream().filter(t -> t.role() == ThreadRole.EMULATOR).count());
            for (HostThread t : a.threads()) {
                String status = Files.readString(Path.of("/proc", Integer.toString(t.pid()), "task",
                        Integer.toString(t.tid()), "status"));
                assertTrue(status.contains("Cpus_allowed_list:\t" + t.cpusAllowed() + "\n"), t + " vs\n" + status);
            }
            // t3 is a nitro type: its storage card runs beside QEMU, and the host partition shows in the pinning
            HostPartition partition = host.labvisor().partition();
            assertTrue(a.threads().stream().anyMatch(t -> t.role() == ThreadRole.CARD), "storage card listed: " + a.threads());
            for (HostThread t : a.threads()) {
                CpuSet expected = switch (t.role()) {
                    case VCPU -> partition.instanceCpus();
                    case CARD, EMULATOR -> partition.cardCpus();
                    default -> null;
                };
                if (expected != null) {
                    assertEquals(expected, CpuSet.parse(t.cpusAllowed()), t.toString());
                }
            }
            String text = AnatomyText.render(a);
            assertTrue(text.contains("CPU 0/TCG") && text.contains("<domain"), text);
            assertTrue(AnatomySvg.render(a).contains("CPU 1/TCG"));
        }
    }
}
