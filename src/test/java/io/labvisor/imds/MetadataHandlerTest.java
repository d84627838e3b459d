package io.labvisor.imds;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataHandlerTest {
    private static final InstanceMetadata WEB = new InstanceMetadata("i-0123456789abcdef0", "t3.nano",
            "ami-0123456789abcdef0", 0, "r-0123456789abcdef0", "2026-11-22T01:00:00Z", "02:aa:bb:cc:dd:ee", "172.31.0.7",
            "subnet-0123456789abcdef0", "172.31.0.0/20", "vpc-0123456789abcdef0", "172.31.0.0/16",
            List.of("sg-0123456789abcdef0", "sg-0fedcba9876543210"), List.of("default", "web"), "lab-1a", "lab-1",
            "000000000000", Optional.of("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8)));
    private static final InstanceMetadata OTHER = new InstanceMetadata("i-0fedcba9876543210", "t3.micro",
            "ami-0123456789abcdef0", 0, "r-0fedcba9876543210", "2026-11-22T01:00:00Z", "02:11:22:33:44:55", "172.31.0.8",
            "subnet-0123456789abcdef0", "172.31.0.0/20", "vpc-0123456789abcdef0", "172.31.0.0/16", List.of(),
            List.of(), "lab-1a", "lab-1", "000000000000", Optional.empty());

    private final Instant now = Instant.parse("2026-11-22T00:00:00Z");
    private final Tokens tokens = new Tokens(new byte[32], Clock.fixed(now, ZoneOffset.UTC));
    private final MetadataHandler handler = new MetadataHandler(ip -> Optional.empty(), tokens);

    private MetadataHandler.Reply get(InstanceMetadata caller, String path, String token) {
        Map<String, String> headers = token == null ? Map.of() : Map.of(MetadataHandler.TOKEN_HEADER, token);
        return handler.answer("GET", path, Optional.of(caller), headers::get);
    }

    private static String body(MetadataHandler.Reply r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private String token(InstanceMetadata caller, String ttl) {
        Function<String, String> headers = h -> h.equals(MetadataHandler.TTL_HEADER) ? ttl : null;
        MetadataHandler.Reply r = handler.answer("PUT", MetadataHandler.TOKEN_PATH, Optional.of(caller), headers);
        assertEquals(200, r.status(), body(r));
        assertEquals(ttl, r.headers().get(MetadataHandler.TTL_HEADER));
        return body(r);
    }

    @Test
    void tokenThenMetadataAsEc2AnswersIt() throws Exception {
        String t = token(WEB, "21600");
        assertEquals("i-0123456789abcdef0", body(get(WEB, "/latest/meta-data/instance-id", t)));
        assertEquals("t3.nano", body(get(WEB, "/latest/meta-data/instance-type", t)));
        assertEquals("172.31.0.7", body(get(WEB, "/latest/meta-data/local-ipv4", t)));
        assertEquals("lab-1a", body(get(WEB, "/latest/meta-data/placement/availability-zone", t)));
        assertEquals("ip-172-31-0-7.lab-1.compute.internal", body(get(WEB, "/latest/meta-data/hostname", t)));
        assertEquals("default\nweb", body(get(WEB, "/latest/meta-data/security-groups", t)));
        assertEquals("02:aa:bb:cc:dd:ee/", body(get(WEB, "/latest/meta-data/network/interfaces/macs/", t)));
        assertEquals("subnet-0123456789abcdef0",
                body(get(WEB, "/latest/meta-data/network/interfaces/macs/02:aa:bb:cc:dd:ee/subnet-id", t)));
        assertEquals("sg-0123456789abcdef0\nsg-0fedcba9876543210",
                body(get(WEB, "/latest/meta-data/network/interfaces/macs/02:aa:bb:cc:dd:ee/security-group-ids", t)));
        assertEquals("#!/bin/sh\necho hi\n", body(get(WEB, "/latest/user-data", t)));
        assertEquals("dynamic/\nmeta-data/\nuser-data", body(get(WEB, "/latest/", t)));
        var document = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get(WEB, "/latest/dynamic/instance-identity/document", t).body());
        assertEquals("i-0123456789abcdef0", document.get("instanceId").asText());
        assertEquals("lab-1", document.get("region").asText());
        assertEquals("172.31.0.7", document.get("privateIp").asText());
        assertEquals("2026-11-22T01:00:00Z", document.get("pendingTime").asText());
        String listing = body(get(WEB, "/latest/meta-data/", t));
        assertTrue(listing.startsWith("ami-id\nami-launch-index\nhostname\n"), listing);
        assertTrue(listing.contains("\nnetwork/\n") && listing.contains("\nplacement/\n"), listing);
        assertEquals(listing, body(get(WEB, "/latest/meta-data", t)), "a directory without its slash");
    }

    @Test
    void missingInvalidForeignOrExpiredTokensAre401() {
        assertEquals(401, get(WEB, "/latest/meta-data/instance-id", null).status());
        assertEquals(401, get(WEB, "/latest/meta-data/instance-id", "bm90LWEtdG9rZW4").status());
        assertEquals(401, get(WEB, "/nothing/here", null).status(), "the token is checked before the path");
        String other = token(OTHER, "60");
        assertEquals(401, get(WEB, "/latest/meta-data/instance-id", other).status(), "another instance's token");
        String t = token(WEB, "60");
        String forged = t.substring(0, t.length() - 2) + (t.endsWith("AA") ? "BB" : "AA");
        assertEquals(401, get(WEB, "/latest/meta-data/instance-id", forged).status());
        Tokens later = new Tokens(new byte[32], Clock.fixed(now.plusSeconds(60), ZoneOffset.UTC));
        assertFalse(later.valid(t, WEB.instanceId()), "expired after its TTL");
        assertTrue(new Tokens(new byte[32], Clock.fixed(now.plusSeconds(59), ZoneOffset.UTC)).valid(t, WEB.instanceId()));
    }

    @Test
    void badRequestsGetEc2sStatusCodes() {
        String t = token(WEB, "1");
        assertEquals(404, get(WEB, "/latest/meta-data/no-such-key", t).status());
        assertEquals(404, get(WEB, "/latest/meta-data/instance-id/", t).status(), "a leaf is no directory");
        assertEquals(404, get(OTHER, "/latest/user-data", token(OTHER, "5")).status(), "no user data");
        for (String ttl : new String[] {null, "0", "21601", "-1", "abc", ""}) {
            Function<String, String> headers = h -> h.equals(MetadataHandler.TTL_HEADER) ? ttl : null;
            assertEquals(400, handler.answer("PUT", MetadataHandler.TOKEN_PATH, Optional.of(WEB), headers).status(),
                    "ttl " + ttl);
        }
        Function<String, String> proxied = h -> h.equals(MetadataHandler.TTL_HEADER) ? "60"
                : h.equals("X-Forwarded-For") ? "10.0.0.1" : null;
        assertEquals(403, handler.answer("PUT", MetadataHandler.TOKEN_PATH, Optional.of(WEB), proxied).status());
        assertEquals(405, handler.answer("POST", "/latest/meta-data/", Optional.of(WEB), h -> null).status());
        assertEquals(405, get(WEB, MetadataHandler.TOKEN_PATH, t).status());
        assertEquals(403, handler.answer("GET", "/latest/meta-data/", Optional.empty(), h -> null).status(),
                "not an instance");
    }

    @Test
    void neighbourTableKeepsCompleteEntriesWithTheirBridge() {
        List<NeighbourTable.Entry> entries = NeighbourTable.parse("""
                IP address       HW type     Flags       HW address            Mask     Device
                172.31.0.7       0x1         0x2         02:AA:bb:cc:dd:ee     *        lvbr0
                10.20.1.4        0x1         0x2         02:11:22:33:44:55     *        lvbr-0a1b2c3d
                10.20.1.4        0x1         0x2         02:66:77:88:99:00     *        lvbr-99999999
                172.31.0.9       0x1         0x0         00:00:00:00:00:00     *        lvbr0
                """);
        assertEquals(List.of(new NeighbourTable.Entry("172.31.0.7", "02:aa:bb:cc:dd:ee", "lvbr0"),
                new NeighbourTable.Entry("10.20.1.4", "02:11:22:33:44:55", "lvbr-0a1b2c3d"),
                new NeighbourTable.Entry("10.20.1.4", "02:66:77:88:99:00", "lvbr-99999999")), entries);
    }

    @Test
    void serverIsFoundByItsMainClassAndDirectory() {
        java.nio.file.Path dir = java.nio.file.Path.of("/run/labvisor/imds");
        String cmdline = String.join("\0", MetadataService.argv("/usr/bin/java", "/x.jar", "labvisor", dir)) + "\0";
        assertTrue(MetadataService.isServer(cmdline.substring(cmdline.indexOf("/usr/bin/java")), dir));
        assertFalse(MetadataService.isServer(cmdline, java.nio.file.Path.of("/run/other")));
        assertFalse(MetadataService.isServer("/usr/bin/java\0-jar\0x.jar\0", dir));
    }
}
