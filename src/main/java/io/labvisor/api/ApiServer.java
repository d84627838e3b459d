package io.labvisor.api;

import io.labvisor.Labvisor;
import io.labvisor.api.actions.ActionRegistry;
import io.labvisor.api.actions.Ec2Actions;
import io.labvisor.api.auth.SigV4Verifier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.time.Duration;
import java.time.Clock;

/**
 * The EC2 Query API over HTTP, on Jetty. Bound to loopback unless told otherwise: the API can launch guests and
 * read host files named in RegisterImage, so an access key is as good as root on this machine.
 */
public final class ApiServer implements AutoCloseable {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    /** EC2 Query requests are small; a body over 1 MiB is refused with 413 before it is read further. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    public static final String SERVICE = "ec2";
    /** A connection that sends nothing for this long (headers or body) is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** Request threads; bodies are read asynchronously, so slow clients hold connections, not threads. */
    static final int MAX_THREADS = 64;

    private final Server server;
    private final ServerConnector connector;

    private ApiServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** The endpoint over a labvisor: its access keys, its services. */
    public static Ec2Endpoint endpoint(Labvisor labvisor) {
        return endpoint(labvisor, Ec2Actions.standard(labvisor), Clock.systemUTC());
    }

    public static Ec2Endpoint endpoint(Labvisor labvisor, ActionRegistry actions, Clock clock) {
        return new Ec2Endpoint(new SigV4Verifier(SERVICE, labvisor.accessKeys()::activeSecret, clock), actions);
    }

    /** Starts serving; port 0 picks a free port (see {@link #port()}). */
    public static ApiServer start(Ec2Endpoint endpoint, String bind, int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("ec2-api");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setIdleTimeout(IDLE_TIMEOUT.toMillis()); // also bounds each wait for more of a request's body
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.setHandler(new JettyEc2Handler(endpoint, MAX_BODY_BYTES));
        server.setStopAtShutdown(false);
        server.start();
        return new ApiServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        String host = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
        return URI.create("http://" + host + ":" + port());
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the API server", e);
        }
    }
}
