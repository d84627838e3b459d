package io.labvisor.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An iperf3 server inside labvisor's network namespace, on the default subnet's gateway address: the "peer in the
 * namespace" guests measure against. Traffic never leaves the namespace.
 */
final class NamespacePeer implements AutoCloseable {
    private final Process process;
    private final String address;

    private NamespacePeer(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    static NamespacePeer start(String netns, String address) throws IOException {
        Process p = new ProcessBuilder(List.of("ip", "netns", "exec", netns, "iperf3", "-s", "-B", address))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new NamespacePeer(p, address);
    }

    String address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
