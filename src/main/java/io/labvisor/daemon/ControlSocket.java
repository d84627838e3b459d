package io.labvisor.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * labvisord's local door: a unix socket only root can open (mode 0600, in the state folder), one thread per
 * connected client running one command. Which command and how it runs is {@link Handler}'s business.
 */
final class ControlSocket implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlSocket.class);
    /** Commands at once; a client over the limit is told so instead of queueing unseen. */
    private static final int MAX_CLIENTS = 64;

    /** Runs one request, writing its output to {@code out} and {@code err}; returns the exit status. */
    interface Handler {
        int handle(ControlProtocol.Request request, OutputStream out, OutputStream err);
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final ExecutorService clients;
    private final Thread acceptor;

    private ControlSocket(Path path, ServerSocketChannel server, Handler handler) {
        this.path = path;
        this.server = server;
        this.clients = new ThreadPoolExecutor(0, MAX_CLIENTS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "labvisord-client");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(() -> accept(handler), "labvisord-accept");
        this.acceptor.setDaemon(true);
    }

    static ControlSocket open(Path path, Handler handler) throws IOException {
        Files.deleteIfExists(path); // a stale socket of a daemon that died; the state lock says none runs now
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        ControlSocket socket = new ControlSocket(path, server, handler);
        socket.acceptor.start();
        return socket;
    }

    private void accept(Handler handler) {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.warn("accept on {}: {}", path, e.toString());
                }
                continue;
            }
            try {
                clients.execute(() -> serve(client, handler));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                refuse(client);
            }
        }
    }

    private static void serve(SocketChannel client, Handler handler) {
        try (client) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
            ControlProtocol.Request request = ControlProtocol.readRequest(in);
            FrameStream stdout = new FrameStream(out, ControlProtocol.STDOUT);
            FrameStream stderr = new FrameStream(out, ControlProtocol.STDERR);
            int status = handler.handle(request, stdout, stderr);
            synchronized (out) {
                ControlProtocol.writeFrame(out, ControlProtocol.EXIT, intBytes(status), 0, 4);
            }
        } catch (IOException e) {
            log.debug("client went away: {}", e.toString()); // e.g. Ctrl-C in the CLI; the command itself finished
        }
    }

    private static void refuse(SocketChannel client) {
        try (client) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
            byte[] msg = ("labvisord is busy: " + MAX_CLIENTS + " commands are running; try again\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ControlProtocol.writeFrame(out, ControlProtocol.STDERR, msg, 0, msg.length);
            ControlProtocol.writeFrame(out, ControlProtocol.EXIT, intBytes(255), 0, 4);
        } catch (IOException e) {
            log.debug("refusing a client: {}", e.toString());
        }
    }

    private static byte[] intBytes(int v) {
        return java.nio.ByteBuffer.allocate(4).putInt(v).array();
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("closing {}: {}", path, e.toString());
        }
        clients.shutdownNow();
    }

    /** stdout or stderr of one command, as frames on the shared connection (whole writes, never interleaved). */
    private static final class FrameStream extends OutputStream {
        private final DataOutputStream out;
        private final byte kind;
        private boolean broken;

        FrameStream(DataOutputStream out, byte kind) {
            this.out = out;
            this.kind = kind;
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (out) {
                if (broken || len == 0) {
                    return;
                }
                try {
                    ControlProtocol.writeFrame(out, kind, b, off, len);
                } catch (IOException e) {
                    broken = true; // the client left; the command runs to its end regardless
                }
            }
        }
    }
}
