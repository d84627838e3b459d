package io.labvisor.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Jetty side over real loopback HTTP: body limit, content type, signed requests, concurrency. */
class ApiServerTest {
    private final FakeActions fake = new FakeActions();
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(fake.endpoint(Clock.systemUTC()), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listensOnLoopback() {
        assertEquals("127.0.0.1", server.uri().getHost());
        assertTrue(server.port() > 0);
    }

    @Test
    void aSignedPostOverHttpRunsTheAction() throws Exception {
        HttpResponse<String> r = signedPost("Action=Echo&Version=2016-11-15&Value=over+http");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("text/xml;charset=UTF-8", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("<value>over http</value>"), r.body());
        assertTrue(r.headers().firstValue("Server").isEmpty(), "no server banner");
    }

    @Test
    void anUnsignedGetIsAuthFailure() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                server.uri().resolve("/?Action=Echo&Version=2016-11-15&Value=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("<Code>AuthFailure</Code>"), r.body());
    }

    @Test
    void aBodyOverOneMebibyteIs413WithAnEc2Error() throws Exception {
        String big = "Action=Echo&Version=2016-11-15&Value=" + "x".repeat(ApiServer.MAX_BODY_BYTES);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("<Code>RequestEntityTooLarge</Code>"), r.body());
        assertEquals(0, fake.executions.get());
    }

    @Test
    void concurrentRequestsAreEachAnsweredOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String form = "Action=Echo&Version=2016-11-15&Value=n" + i;
                futures.add(pool.submit(() -> signedPost(form)));
            }
            Set<String> values = new java.util.HashSet<>();
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get();
                assertEquals(200, r.statusCode(), r.body());
                values.add(r.body().replaceAll("(?s).*<value>(.*)</value>.*", "$1"));
            }
            assertEquals(40, values.size());
            assertEquals(40, fake.executions.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSignedRequestIsAnsweredWhileFiftyClientsSendTheirBodiesSlowly() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nAction=")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            Thread.sleep(200); // let the server take them all up
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                HttpResponse<String> r = one.submit(() -> signedPost("Action=Echo&Version=2016-11-15&Value=fast"))
                        .get(5, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
            } finally {
                one.shutdownNow();
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private HttpResponse<String> signedPost(String form) throws Exception {
        return SignedHttp.post(server.uri(), FakeActions.KEY, FakeActions.SECRET, Instant.now(), form);
    }
}
