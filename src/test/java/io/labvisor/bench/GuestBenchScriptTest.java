package io.labvisor.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestBenchScriptTest {
    @Test
    void scriptIsValidShellAndRunsEveryJobEveryRepetition() throws Exception {
        String script = GuestBenchScript.client(new GuestBenchScript.Disk(FioJob.STANDARD, 2, "/fio.dat", 128, 2, 5),
                List.of("172.31.0.1"), 5);
        assertTrue(script.startsWith("#!/bin/sh\n"));
        assertEquals(12, script.lines().filter(l -> l.contains("LABVISOR-FIO rep=")).count());
        assertTrue(script.contains("--direct=1"));
        assertTrue(script.contains("iperf3 -c 172.31.0.1 -t 5"));
        assertTrue(script.contains("LABVISOR-IPERF rep=1 peer=172.31.0.1 mbps=$mbps error=${err:-none}"), script);
        assertTrue(script.strip().endsWith("LABVISOR-BENCH-DONE"));
        Path f = Files.createTempFile("bench", ".sh");
        Files.writeString(f, script);
        Process p = new ProcessBuilder("sh", "-n", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "sh -n: " + out);
        Files.delete(f);
    }

    @Test
    void aNetworkOnlyScriptRunsNoFio() {
        String script = GuestBenchScript.client(GuestBenchScript.Disk.none(), List.of("10.0.0.1", "10.0.0.4"), 3, 2);
        assertEquals(0, script.lines().filter(l -> l.contains("fio")).count(), script);
        // two peers, two repetitions each
        assertEquals(4, script.lines().filter(l -> l.contains("LABVISOR-RTT rep=")).count());
        assertTrue(script.contains("LABVISOR-IPERF rep=2 peer=10.0.0.4"), script);
    }

    /** The guest's awk and sed run under busybox; the host's busybox runs the same lines on canned tool output. */
    @Test
    void resultExtractionReadsIperfAndPingOutput() throws Exception {
        String iperf = "[  5]   0.00-5.00   sec  58.4 MBytes  97.8 Mbits/sec    0             sender\n"
                + "[  5]   0.00-5.04   sec  58.2 MBytes  96.9 Mbits/sec                  receiver\n";
        String script = GuestBenchScript.client(GuestBenchScript.Disk.none(), List.of("10.0.0.1"), 3);
        String mbps = script.lines().filter(l -> l.startsWith("mbps=")).findFirst().orElseThrow();
        String err = script.lines().filter(l -> l.startsWith("err=")).findFirst().orElseThrow();
        assertEquals("96.9 none", sh("out='" + iperf + "'; " + mbps + "; " + err + "; echo \"$mbps ${err:-none}\""));
        assertEquals("[] iperf3:_error_-_unable_to_connect_to_server:_No_route_to_host",
                sh("out='iperf3: error - unable to connect to server: No route to host'; " + mbps + "; " + err
                        + "; echo \"[$mbps] $err\""));
        String loss = script.lines().filter(l -> l.startsWith("loss=")).findFirst().orElseThrow();
        assertEquals("100%", sh("out='10 packets transmitted, 0 packets received, 100% packet loss'; " + loss
                + "; echo \"$loss\""));
    }

    private static String sh(String code) throws Exception {
        Process p = new ProcessBuilder("busybox", "sh", "-c", code).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
