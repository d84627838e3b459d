package io.labvisor.client;

import io.labvisor.daemon.ControlProtocol;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The labvisor command: a thin client of labvisord. It sends the command line and the current folder over the
 * daemon's root-only unix socket and prints what the daemon writes back, so it opens no database and no libvirt
 * connection and loads only java.base (its start is a plain JVM start). {@code serve} runs a daemon in the
 * foreground instead.
 */
public final class Client {
    /** The AWS CLI's status when it cannot reach its endpoint. */
    static final int EXIT_UNREACHABLE = 255;

    private Client() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            io.labvisor.daemon.Labvisord.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(run(stateDir(), List.of(args), Path.of("").toAbsolutePath().toString(), System.out, System.err));
    }

    /** The state folder named by LABVISOR_HOME (a system property of that name wins, as in LabvisorConfig). */
    static Path stateDir() {
        String home = System.getProperty("LABVISOR_HOME", System.getenv("LABVISOR_HOME"));
        return Path.of(home == null || home.isBlank() ? "/var/lib/labvisor" : home);
    }

    static int run(Path stateDir, List<String> argv, String workingDir, PrintStream out, PrintStream err)
            throws IOException {
        Path socket = ControlProtocol.socket(stateDir);
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            err.println(unreachable(stateDir, socket, e));
            return EXIT_UNREACHABLE;
        }
        try (channel) {
            DataOutputStream request = new DataOutputStream(Channels.newOutputStream(channel));
            ControlProtocol.writeRequest(request, new ControlProtocol.Request(argv, workingDir));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            while (true) {
                byte kind;
                try {
                    kind = in.readByte();
                } catch (EOFException e) {
                    err.println("labvisord closed the connection before the command finished (see "
                            + stateDir.resolve("labvisord.log") + ")");
                    return EXIT_UNREACHABLE;
                }
                byte[] data = in.readNBytes(in.readInt());
                switch (kind) {
                    case ControlProtocol.STDOUT -> {
                        out.write(data);
                        out.flush();
                    }
                    case ControlProtocol.STDERR -> {
                        err.write(data);
                        err.flush();
                    }
                    case ControlProtocol.EXIT -> {
                        return java.nio.ByteBuffer.wrap(data).getInt();
                    }
                    default -> throw new IOException("unknown frame from labvisord: " + kind);
                }
            }
        }
    }

    private static String unreachable(Path stateDir, Path socket, IOException e) {
        if (e instanceof AccessDeniedException || String.valueOf(e.getMessage()).contains("ermission")) {
            return "labvisor: permission denied on " + socket + ": labvisor's state and its daemon are root's "
                    + "(run as root)";
        }
        String start = stateDir.equals(Path.of("/var/lib/labvisor")) ? "./labvisor daemon start"
                : "LABVISOR_HOME=" + stateDir + " ./labvisor daemon start";
        return "labvisor: labvisord is not running for " + stateDir + " ("
                + (Files.exists(socket) ? "nobody answers on " : "no socket at ") + socket + "); start it with: "
                + start;
    }
}
