package io.labvisor.bench;

import java.util.List;

/**
 * The user-data script a benchmark guest runs at first boot. Tools run from the AMI's root volume
 * ({@code chroot /mnt/root}), results come back as console protocol lines, one per measurement:
 * <pre>
 * LABVISOR-BENCH-START                  (then a 3 s pause, so the host can sample CPU time first)
 * LABVISOR-FIO rep=1 terse=3;fio-3.33;seq-read-1m;...
 * LABVISOR-IPERF rep=1 peer=172.31.0.1 mbps=812.4 error=none
 * LABVISOR-RTT rep=1 peer=172.31.0.1 avg_ms=0.52 loss=0%
 * LABVISOR-BENCH-DONE
 * </pre>
 * A measurement that fails still prints its line, with the empty value and what the tool said ({@code error=}, spaces
 * turned into underscores), so the report can say why a figure is missing. An iperf3 server guest prints
 * {@code LABVISOR-IPERF-SERVER ready} and keeps serving.
 */
public final class GuestBenchScript {
    /** How long a guest waits for a peer to answer ping before it measures anyway (and reports the error). */
    static final int PEER_WAIT_SECONDS = 60;

    private GuestBenchScript() {
    }

    /**
     * Parameters of the disk part: jobs (none: no disk part), repetitions, the test file on the root volume and its
     * size.
     */
    public record Disk(List<FioJob> jobs, int repetitions, String file, int sizeMiB, int rampSeconds, int runSeconds) {
        public static Disk none() {
            return new Disk(List.of(), 0, "/fio.dat", 0, 0, 0);
        }
    }

    /** The measuring guest: the disk jobs, then iperf3 and ping to each peer once (none: no network part). */
    public static String client(Disk disk, List<String> iperfPeers, int iperfSeconds) {
        return client(disk, iperfPeers, iperfSeconds, 1);
    }

    /** The same, iperf3 and ping to each peer {@code netRepetitions} times (lines carry {@code rep=}). */
    public static String client(Disk disk, List<String> iperfPeers, int iperfSeconds, int netRepetitions) {
        StringBuilder s = new StringBuilder("#!/bin/sh\n")
                .append("# labvisor bench: runs inside the guest, results on the serial console\n")
                .append("mount --bind /dev /mnt/root/dev; mount -t proc proc /mnt/root/proc; mount -t sysfs sys /mnt/root/sys\n")
                // the host samples CPU time when it sees this line: give it a moment before the work starts
                .append("echo; echo LABVISOR-BENCH-START; sleep 3\n");
        for (int rep = 1; rep <= disk.repetitions() && !disk.jobs().isEmpty(); rep++) {
            for (FioJob job : disk.jobs()) {
                s.append("echo; echo \"LABVISOR-FIO rep=").append(rep).append(" terse=$(chroot /mnt/root fio");
                for (String arg : job.arguments(disk.file(), disk.sizeMiB(), disk.rampSeconds(), disk.runSeconds())) {
                    s.append(' ').append(arg);
                }
                s.append(" 2>/dev/null | grep '^3;' | tail -n 1)\"\n");
            }
        }
        if (!disk.jobs().isEmpty()) {
            s.append("rm -f /mnt/root").append(disk.file()).append('\n');
        }
        for (String peer : iperfPeers) {
            s.append("n=0; while [ $n -lt ").append(PEER_WAIT_SECONDS).append(" ]; do ping -c 1 -W 1 ").append(peer)
                    .append(" >/dev/null 2>&1 && break; n=$((n+1)); sleep 1; done\n");
        }
        for (int rep = 1; rep <= netRepetitions; rep++) {
            for (String peer : iperfPeers) {
                s.append("out=$(chroot /mnt/root iperf3 -c ").append(peer).append(" -t ").append(iperfSeconds)
                        .append(" -f m 2>&1)\n");
                // the receiver's summary line: "[  5]   0.00-5.00 sec  58.4 MBytes  97.8 Mbits/sec   receiver"
                s.append("mbps=$(echo \"$out\" | awk '/receiver/ {for (i = 2; i <= NF; i++) if ($i ~ /bits\\/sec/) print $(i-1)}' | tail -n 1)\n");
                s.append("err=$(echo \"$out\" | sed -n '/error/{s/[^A-Za-z0-9.:\\/%-]/_/g;p;q}')\n");
                s.append("echo; echo \"LABVISOR-IPERF rep=").append(rep).append(" peer=").append(peer)
                        .append(" mbps=$mbps error=${err:-none}\"\n");
                s.append("out=$(ping -c 10 -i 0.2 ").append(peer).append(" 2>&1)\n");
                s.append("avg=$(echo \"$out\" | awk -F/ '/min\\/avg\\/max/ {print $4}')\n");
                s.append("loss=$(echo \"$out\" | sed -n 's/.* \\([0-9.]*%\\) packet loss.*/\\1/p')\n");
                s.append("echo; echo \"LABVISOR-RTT rep=").append(rep).append(" peer=").append(peer)
                        .append(" avg_ms=$avg loss=${loss:-unknown}\"\n");
            }
        }
        s.append("echo; echo LABVISOR-BENCH-DONE\n");
        return s.toString();
    }

    /** A guest that only serves iperf3 (the other end of guest-to-guest measurements). */
    public static String iperfServer() {
        return "#!/bin/sh\nmount --bind /dev /mnt/root/dev; mount -t proc proc /mnt/root/proc\n"
                + "chroot /mnt/root iperf3 -s -D\necho; echo LABVISOR-IPERF-SERVER ready\n";
    }
}
