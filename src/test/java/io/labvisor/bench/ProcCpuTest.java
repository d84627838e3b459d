package io.labvisor.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcCpuTest {
    @Test
    void utimePlusStimeAfterACommWithSpaces() {
        StringBuilder stat = new StringBuilder("42 (CPU 0/TCG) R");
        for (int field = 4; field <= 20; field++) {
            stat.append(' ').append(field == 14 ? 250 : field == 15 ? 50 : 0);
        }
        assertEquals(3.0, ProcCpu.parse(stat.toString()), 1e-9);
    }

    @Test
    void thisJvmHasUsedSomeCpu() {
        assertTrue(ProcCpu.seconds((int) ProcessHandle.current().pid()) > 0);
    }
}
