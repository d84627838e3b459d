package io.labvisor.imds;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Guests that send their headers slowly do not stall the others' token requests. */
class SlowClientsTest {
    private static final InstanceMetadata ME = new InstanceMetadata("i-0123456789abcdef0", "t3.nano",
            "ami-0123456789abcdef0", 0, "r-0123456789abcdef0", "2026-11-22T01:00:00Z", "02:aa:bb:cc:dd:ee",
            "127.0.0.1", "subnet-0123456789abcdef0", "172.31.0.0/20", "vpc-0123456789abcdef0", "172.31.0.0/16",
            List.of(), List.of(), "lab-1a", "lab-1", "000000000000", Optional.empty());

    @Test
    void aTokenRequestIsAnsweredWithinASecondWhileFiftyGuestsSendHeadersSlowly() throws Exception {
        MetadataServerMain.limitSlowClients();
        HttpServer server = MetadataServerMain.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new MetadataHandler(ip -> Optional.of(ME), Tokens.random()));
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
                s.getOutputStream().write("PUT /latest/api/token HTTP/1.1\r\nHost: 169.254.169.254\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            Thread.sleep(200);
            HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                            + MetadataHandler.TOKEN_PATH)).timeout(Duration.ofSeconds(1))
                    .header(MetadataHandler.TTL_HEADER, "60").PUT(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        } finally {
            for (Socket s : slow) {
                s.close();
            }
            server.stop(0);
        }
    }
}
