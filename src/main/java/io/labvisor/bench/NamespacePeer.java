package io.labvisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An iperf3 server inside labvisor's network namespace, on a subnet's gateway address: the "peer in the
 * namespace" guests measure against. Traffic never leaves the namespace. Its output goes to a log, so a report can
 * say why a guest could not reach it.
 */
final class NamespacePeer implements AutoCloseable {
    private final Process process;
    private final String address;
    private final Path log;

    private NamespacePeer(Process process, String address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /** Starts it and checks it is still up a moment later (a bind to an address not yet on the bridge fails). */
    static NamespacePeer start(String netns, String address) throws IOException, InterruptedException {
        Path log = Files.createTempFile("labvisor-bench-peer-", ".log");
        Process p = new ProcessBuilder(List.of("ip", "netns", "exec", netns, "iperf3", "-s", "-B", address))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (p.waitFor(1, TimeUnit.SECONDS)) {
            String out = Files.readString(log).strip();
            Files.deleteIfExists(log);
            throw new IOException("the namespace iperf3 server on " + address + " exited (" + p.exitValue() + "): " + out);
        }
        return new NamespacePeer(p, address, log);
    }

    String address() {
        return address;
    }

    /** What the server printed so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }
}
