package io.labvisor.daemon;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ControlProtocolTest {
    @Test
    void aRequestReadsBackAsWritten() throws IOException {
        var request = new ControlProtocol.Request(List.of("run-instances", "--user-data", "#!/bin/sh\necho ü\n", ""),
                "/home/user/lab");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ControlProtocol.writeRequest(new DataOutputStream(bytes), request);
        assertEquals(request, ControlProtocol.readRequest(new DataInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))));
    }

    @Test
    void refusesWhatIsNotARequestAndRequestsOverTheLimit() throws IOException {
        assertThrows(IOException.class, () -> ControlProtocol.readRequest(new DataInputStream(
                new ByteArrayInputStream("GET / HTTP/1.0\r\n\r\n".getBytes()))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(ControlProtocol.MAGIC);
        out.writeInt(1);
        out.writeInt(ControlProtocol.MAX_REQUEST_BYTES + 1); // claims more than the limit: refused before reading it
        assertThrows(IOException.class, () -> ControlProtocol.readRequest(new DataInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))));
    }

    @Test
    void theSocketLivesInTheStateFolder() {
        assertEquals(Path.of("/var/lib/labvisor/labvisord.sock"), ControlProtocol.socket(Path.of("/var/lib/labvisor")));
    }
}
