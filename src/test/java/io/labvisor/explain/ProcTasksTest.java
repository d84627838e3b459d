package io.labvisor.explain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcTasksTest {
    @Test
    void lastCpuCountsFieldsAfterTheCommEvenWithSpacesInIt() {
        StringBuilder stat = new StringBuilder("675 (CPU 0/TCG) S");
        for (int field = 4; field <= 38; field++) {
            stat.append(' ').append(field == 38 ? 0 : field);
        }
        stat.append(" 1 0 0"); // field 39 = 1
        assertEquals(1, ProcTasks.lastCpu(stat.toString()));
    }

    @Test
    void cpusAllowedComesFromStatus() {
        assertEquals("0-1", ProcTasks.cpusAllowed("Name:\tqemu\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n"));
    }

    @Test
    void cmdlineSplitsOnNul() {
        assertEquals(List.of("qemu", "-name", "guest=i-1"), ProcTasks.splitNul("qemu\0-name\0guest=i-1\0".getBytes()));
    }

    @Test
    void readsThreadsFromAProcTree(@TempDir Path proc) throws Exception {
        for (int tid : new int[] {10, 11}) {
            Path task = Files.createDirectories(proc.resolve("10/task/" + tid));
            Files.writeString(task.resolve("comm"), tid == 10 ? "qemu-system-x86\n" : "CPU 0/KVM\n");
            Files.writeString(task.resolve("status"), "Cpus_allowed_list:\t" + (tid == 10 ? "0" : "1") + "\n");
            Files.writeString(task.resolve("stat"), tid + " (x) S" + " 0".repeat(35) + " " + (tid == 10 ? 0 : 1));
        }
        List<HostThread> threads = new ProcTasks(proc).threads(10, ThreadRole::ofQemuThread);
        assertEquals(ThreadRole.EMULATOR, threads.get(0).role());
        assertEquals(ThreadRole.VCPU, threads.get(1).role());
        assertEquals("1", threads.get(1).cpusAllowed());
        assertEquals(1, threads.get(1).lastCpu());
    }

    @Test
    void qemuThreadNamesClassify() {
        assertEquals(ThreadRole.VCPU, ThreadRole.ofQemuThread("CPU 3/TCG", false));
        assertEquals(ThreadRole.IOTHREAD, ThreadRole.ofQemuThread("IO iothread1", false));
        assertEquals(ThreadRole.EMULATOR_WORKER, ThreadRole.ofQemuThread("worker", false));
        assertEquals(ThreadRole.EMULATOR, ThreadRole.ofQemuThread("qemu-system-x86", true));
    }
}
