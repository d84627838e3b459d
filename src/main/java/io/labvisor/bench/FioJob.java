package io.labvisor.bench;

import java.util.List;

/**
 * One fio job of the I/O benchmark. Inside a guest every job uses direct I/O (no guest page cache) and a warm-up
 * (ramp) that is not measured; the host limit runs the same job through the host page cache (see {@link HostLimit}).
 */
public record FioJob(String name, String rw, String blockSize, int iodepth) {

    /** The standard set: sequential 1 MiB, random 4 KiB at queue depth 1 and 32, read and write. */
    public static final List<FioJob> STANDARD = List.of(
            new FioJob("seq-read-1m", "read", "1m", 16),
            new FioJob("seq-write-1m", "write", "1m", 16),
            new FioJob("rand-read-4k-qd1", "randread", "4k", 1),
            new FioJob("rand-read-4k-qd32", "randread", "4k", 32),
            new FioJob("rand-write-4k-qd1", "randwrite", "4k", 1),
            new FioJob("rand-write-4k-qd32", "randwrite", "4k", 32));

    public boolean reads() {
        return rw.contains("read");
    }

    /** fio's arguments for this job against {@code target} (a block device or a file of {@code sizeMiB}), direct I/O. */
    public List<String> arguments(String target, int sizeMiB, int rampSeconds, int runSeconds) {
        return List.of("--name=" + name, "--filename=" + target, "--size=" + sizeMiB + "m", "--direct=1",
                "--ioengine=libaio", "--rw=" + rw, "--bs=" + blockSize, "--iodepth=" + iodepth,
                "--ramp_time=" + rampSeconds, "--runtime=" + runSeconds, "--time_based", "--group_reporting",
                "--output-format=terse", "--terse-version=3");
    }

    /**
     * The same job as the host's disk paths serve a guest's: through the host page cache ({@code --direct=0}), and
     * its queue depth as that many threads doing synchronous I/O ({@code psync}, {@code numjobs}), because QEMU and
     * the storage card hand a guest's queued requests to a pool of threads that each call preadv/pwritev
     * (aio=threads); buffered libaio would run them one at a time. Reported as one job ({@code group_reporting}).
     */
    public List<String> hostArguments(String target, int sizeMiB, int rampSeconds, int runSeconds) {
        return List.of("--name=" + name, "--filename=" + target, "--size=" + sizeMiB + "m", "--direct=0",
                "--ioengine=psync", "--numjobs=" + iodepth, "--rw=" + rw, "--bs=" + blockSize,
                "--ramp_time=" + rampSeconds, "--runtime=" + runSeconds, "--time_based", "--group_reporting",
                "--output-format=terse", "--terse-version=3");
    }
}
