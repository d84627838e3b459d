package io.labvisor.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local door's wire format, between the thin CLI and labvisord over a root-only unix socket. A request is the
 * command line as typed plus the caller's folder; the answer is a stream of frames, stdout and stderr as the
 * command writes them (a long command such as bench shows its progress as it goes), then the exit status. Only
 * java.base here: the client loads this class and nothing heavier.
 */
public final class ControlProtocol {
    static final int MAGIC = 0x4c564431; // "LVD1"
    /** Arguments are command lines: 16 KiB of user data is the largest expected; 1 MiB bounds a bad client. */
    static final int MAX_REQUEST_BYTES = 1 << 20;
    public static final byte STDOUT = 'O';
    public static final byte STDERR = 'E';
    public static final byte EXIT = 'X';

    private ControlProtocol() {
    }

    /** The socket of the daemon that owns {@code stateDir}: inside it, so the state folder's mode guards it too. */
    public static Path socket(Path stateDir) {
        return stateDir.resolve("labvisord.sock");
    }

    public record Request(List<String> argv, String workingDir) {
    }

    public static void writeRequest(DataOutputStream out, Request r) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(r.argv().size());
        for (String a : r.argv()) {
            writeString(out, a);
        }
        writeString(out, r.workingDir());
        out.flush();
    }

    static Request readRequest(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a labvisor request");
        }
        int argc = in.readInt();
        if (argc < 0 || argc > 10_000) {
            throw new IOException("bad argument count " + argc);
        }
        int[] budget = {MAX_REQUEST_BYTES};
        List<String> argv = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            argv.add(readString(in, budget));
        }
        return new Request(argv, readString(in, budget));
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in, int[] budget) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > budget[0]) {
            throw new IOException("request larger than " + MAX_REQUEST_BYTES + " bytes");
        }
        budget[0] -= n;
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    /** One frame: its kind and bytes (for {@link #EXIT}, the status as 4 bytes). */
    public static void writeFrame(DataOutputStream out, byte kind, byte[] data, int off, int len) throws IOException {
        out.writeByte(kind);
        out.writeInt(len);
        out.write(data, off, len);
        out.flush();
    }
}
