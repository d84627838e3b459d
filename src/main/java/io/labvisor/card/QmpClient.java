package io.labvisor.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A QMP session with a storage card's monitor over its UNIX socket: one JSON object a line each way. The greeting
 * is read and capabilities negotiated on open; {@link #execute} returns the command's {@code return} value or
 * throws {@link QmpException} with QEMU's error; asynchronous events that arrive in between are kept in
 * {@link #events()}.
 */
public final class QmpClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SocketChannel channel;
    private final BufferedReader in;
    private final List<JsonNode> events = new ArrayList<>();

    private QmpClient(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    /** Connects to the monitor at {@code socket} and leaves capabilities negotiation mode. */
    public static QmpClient open(Path socket) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            QmpClient client = new QmpClient(channel);
            JsonNode greeting = client.read();
            if (!greeting.has("QMP")) {
                throw new QmpException("no QMP greeting from " + socket + ": " + greeting);
            }
            client.execute("qmp_capabilities", Map.of());
            return client;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot talk QMP on " + socket, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Runs {@code command} with {@code arguments}; returns its {@code return} member. */
    public JsonNode execute(String command, Map<String, ?> arguments) {
        ObjectNode request = MAPPER.createObjectNode().put("execute", command);
        if (!arguments.isEmpty()) {
            request.set("arguments", MAPPER.valueToTree(arguments));
        }
        try {
            byte[] line = (MAPPER.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            while (true) {
                JsonNode reply = read();
                if (reply.has("event")) {
                    events.add(reply);
                } else if (reply.has("error")) {
                    JsonNode error = reply.get("error");
                    throw new QmpException(command + ": " + error.path("class").asText() + ": "
                            + error.path("desc").asText());
                } else if (reply.has("return")) {
                    return reply.get("return");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("QMP " + command + " failed", e);
        }
    }

    /** Events received so far (e.g. BLOCK_EXPORT_DELETED), oldest first. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    private JsonNode read() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the card closed its QMP monitor");
        }
        return MAPPER.readTree(line);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** An error QEMU returned for a command. */
    public static final class QmpException extends RuntimeException {
        public QmpException(String message) {
            super(message);
        }
    }
}
