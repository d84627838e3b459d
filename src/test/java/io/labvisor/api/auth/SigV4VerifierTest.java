package io.labvisor.api.auth;

import io.labvisor.api.RawRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests signed by the AWS SDK's own signer verify; wrong keys, stale dates and expired URLs do not. */
class SigV4VerifierTest {
    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    static final String FORM = "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=instance-state-name"
            + "&Filter.1.Value.1=running";

    private final SigV4Verifier verifier = new SigV4Verifier("ec2",
            id -> id.equals(KEY) ? Optional.of(SECRET) : Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsAnSdkSignedPostAndReportsItsRegion() {
        RawRequest r = SdkSigned.post(KEY, SECRET, "lab-1", "ec2", NOW, FORM);
        assertEquals(new Caller(KEY, "lab-1"), verifier.verify(r));
    }

    @Test
    void acceptsAnyRegion() {
        assertEquals("eu-central-1",
                verifier.verify(SdkSigned.post(KEY, SECRET, "eu-central-1", "ec2", NOW, FORM)).region());
    }

    @Test
    void acceptsUpToFifteenMinutesOfSkewEitherWay() {
        verifier.verify(SdkSigned.post(KEY, SECRET, "us-east-1", "ec2", NOW.minus(Duration.ofMinutes(14)), FORM));
        verifier.verify(SdkSigned.post(KEY, SECRET, "us-east-1", "ec2", NOW.plus(Duration.ofMinutes(14)), FORM));
    }

    @Test
    void refusesMoreThanFifteenMinutesOfSkew() {
        assertAuthFailure(SdkSigned.post(KEY, SECRET, "us-east-1", "ec2", NOW.minus(Duration.ofMinutes(16)), FORM),
                "expired");
        assertAuthFailure(SdkSigned.post(KEY, SECRET, "us-east-1", "ec2", NOW.plus(Duration.ofMinutes(16)), FORM),
                "not yet current");
    }

    @Test
    void refusesAWrongSecretAnUnknownKeyAndAnotherService() {
        assertAuthFailure(SdkSigned.post(KEY, SECRET + "x", "us-east-1", "ec2", NOW, FORM), "does not match");
        assertAuthFailure(SdkSigned.post("AKIAAAAAAAAAAAAAAAAA", SECRET, "us-east-1", "ec2", NOW, FORM),
                "not able to validate");
        assertAuthFailure(SdkSigned.post(KEY, SECRET, "us-east-1", "s3", NOW, FORM), "service");
    }

    @Test
    void refusesABodyChangedAfterSigning() {
        RawRequest signed = SdkSigned.post(KEY, SECRET, "us-east-1", "ec2", NOW, FORM);
        RawRequest changed = new RawRequest(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(),
                FORM.replace("running", "stopped").getBytes(StandardCharsets.UTF_8));
        assertAuthFailure(changed, "does not match");
    }

    @Test
    void refusesAnUnsignedRequest() {
        assertAuthFailure(new RawRequest("POST", "/", "", Map.of("Host", List.of("127.0.0.1:8787")),
                FORM.getBytes(StandardCharsets.UTF_8)), "Authentication is required");
    }

    @Test
    void refusesAnUnsignedHostOrDate() {
        RawRequest signed = SdkSigned.post(KEY, SECRET, "us-east-1", "ec2", NOW, FORM);
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        String auth = signed.firstHeader("authorization");
        headers.put("authorization", List.of(auth.replaceFirst("SignedHeaders=[^,]*", "SignedHeaders=content-type;x-amz-date")));
        assertAuthFailure(new RawRequest("POST", "/", "", headers, signed.body()), "Host header must be signed");
    }

    @Test
    void acceptsAPresignedGetWithinItsLifetime() {
        Map<String, String> params = Map.of("Action", "DescribeImages", "Version", "2016-11-15");
        RawRequest r = SdkSigned.presignedGet(KEY, SECRET, "us-east-1", NOW.minus(Duration.ofMinutes(50)),
                Duration.ofHours(1), params);
        assertTrue(r.rawQuery().contains("X-Amz-Signature="), r.rawQuery());
        assertEquals(KEY, verifier.verify(r).accessKeyId());
    }

    @Test
    void refusesAnExpiredPresignedGet() {
        Map<String, String> params = Map.of("Action", "DescribeImages", "Version", "2016-11-15");
        RawRequest r = SdkSigned.presignedGet(KEY, SECRET, "us-east-1", NOW.minus(Duration.ofHours(1)),
                Duration.ofMinutes(10), params);
        assertAuthFailure(r, "expired");
    }

    @Test
    void refusesAPresignedGetWithAParameterAdded() {
        RawRequest r = SdkSigned.presignedGet(KEY, SECRET, "us-east-1", NOW, Duration.ofMinutes(10),
                Map.of("Action", "DescribeImages", "Version", "2016-11-15"));
        RawRequest added = new RawRequest("GET", r.rawPath(), r.rawQuery() + "&ImageId.1=ami-0123456789abcdef0",
                r.headers(), new byte[0]);
        assertAuthFailure(added, "does not match");
    }

    @Test
    void refusesASignatureInBothPlaces() {
        RawRequest header = SdkSigned.post(KEY, SECRET, "us-east-1", "ec2", NOW, FORM);
        RawRequest both = new RawRequest("POST", "/", "X-Amz-Signature=00", header.headers(), header.body());
        assertAuthFailure(both, "both");
    }

    private void assertAuthFailure(RawRequest r, String messagePart) {
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> verifier.verify(r));
        assertEquals(ErrorCode.AUTH_FAILURE, e.code());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertTrue(!e.getMessage().contains(SECRET), "the secret never appears in a message");
    }
}
