package io.labvisor.api;

import io.labvisor.api.auth.SdkSigned;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request pipeline without HTTP: authentication, parameters, dispatch, DryRun, errors. */
class Ec2EndpointTest {
    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private final FakeActions fake = new FakeActions();
    private final Ec2Endpoint endpoint = fake.endpoint(Clock.fixed(NOW, ZoneOffset.UTC));

    private Ec2Endpoint.Result post(String form) {
        return endpoint.handle(SdkSigned.post(FakeActions.KEY, FakeActions.SECRET, "lab-1", "ec2", NOW, form));
    }

    @Test
    void aSignedRequestRunsItsActionAndAnswersXml() {
        Ec2Endpoint.Result r = post("Action=Echo&Version=2016-11-15&Value=hello+world");
        assertEquals(200, r.status());
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <EchoResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>%s</requestId>
                  <value>hello world</value>
                </EchoResponse>
                """.formatted(r.requestId()), r.body());
        assertEquals("Echo", r.action());
        assertEquals(FakeActions.KEY, r.caller().accessKeyId());
        assertEquals("lab-1", r.caller().region());
        assertNull(r.errorCode());
        assertEquals(1, fake.executions.get());
    }

    @Test
    void anUnsignedRequestIsAuthFailureAndRunsNothing() {
        Ec2Endpoint.Result r = endpoint.handle(new RawRequest("POST", "/", "", Map.of("Host", List.of("x")),
                "Action=Echo&Version=2016-11-15&Value=x".getBytes(StandardCharsets.UTF_8)));
        assertError(r, 401, "AuthFailure");
        assertNull(r.action(), "nothing is read before the signature verifies");
        assertEquals(0, fake.executions.get());
    }

    @Test
    void aWronglySignedRequestIsAuthFailure() {
        Ec2Endpoint.Result r = endpoint.handle(SdkSigned.post(FakeActions.KEY, "wrong", "lab-1", "ec2", NOW,
                "Action=Echo&Version=2016-11-15&Value=x"));
        assertError(r, 401, "AuthFailure");
        assertFalse(r.body().contains(FakeActions.SECRET));
        assertEquals(0, fake.executions.get());
    }

    @Test
    void unknownAndMissingActionsAreRefused() {
        assertError(post("Action=LaunchMissiles&Version=2016-11-15"), 400, "InvalidAction");
        assertError(post("Version=2016-11-15"), 400, "MissingParameter");
    }

    @Test
    void theApiVersionIsRequired() {
        assertError(post("Action=Echo&Value=x"), 400, "MissingParameter");
        assertError(post("Action=Echo&Version=2014-10-01&Value=x"), 400, "InvalidParameterValue");
    }

    @Test
    void missingAndUnknownParametersAreRefusedBeforeAnythingRuns() {
        assertError(post("Action=Echo&Version=2016-11-15"), 400, "MissingParameter");
        Ec2Endpoint.Result r = post("Action=Echo&Version=2016-11-15&Value=x&Colour=blue");
        assertError(r, 400, "UnknownParameter");
        assertTrue(r.body().contains("Colour"), r.body());
        assertEquals(0, fake.executions.get());
    }

    @Test
    void dryRunValidatesThenStopsWith412() {
        assertError(post("Action=Echo&Version=2016-11-15&Value=x&DryRun=true"), 412, "DryRunOperation");
        assertError(post("Action=Echo&Version=2016-11-15&DryRun=true"), 400, "MissingParameter");
        assertEquals(0, fake.executions.get());
        assertEquals(200, post("Action=Echo&Version=2016-11-15&Value=x&DryRun=false").status());
    }

    @Test
    void aPresignedGetCarriesItsParametersInTheQueryString() {
        Ec2Endpoint.Result r = endpoint.handle(SdkSigned.presignedGet(FakeActions.KEY, FakeActions.SECRET, "lab-1",
                NOW, Duration.ofMinutes(5), Map.of("Action", "Echo", "Version", "2016-11-15", "Value", "q")));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("<value>q</value>"), r.body());
    }

    @Test
    void aFailingActionIsAnInternalErrorThatHidesItsInternals() {
        Ec2Endpoint.Result r = post("Action=Boom&Version=2016-11-15");
        assertError(r, 500, "InternalError");
        assertFalse(r.body().contains("secret internals"));
    }

    @Test
    void anInternalErrorFromTheServicesAnswersAGenericMessage() {
        Ec2Endpoint.Result r = post("Action=LibvirtFailure&Version=2016-11-15");
        assertError(r, 500, "InternalError");
        assertFalse(r.body().contains("/var/lib/labvisor"), r.body());
        assertFalse(r.body().contains("Permission denied"), r.body());
        assertTrue(r.body().contains("An internal error has occurred"), r.body());
    }

    @Test
    void aPresignedPlusCannotBeSwappedForItsEscape() {
        RawRequest signed = SdkSigned.presignedGet(FakeActions.KEY, FakeActions.SECRET, "lab-1", NOW,
                Duration.ofMinutes(5), Map.of("Action", "Echo", "Version", "2016-11-15", "Value", "a+b c"));
        assertTrue(signed.rawQuery().contains("Value=a%2Bb%20c"), signed.rawQuery());
        Ec2Endpoint.Result r = endpoint.handle(signed);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("<value>a+b c</value>"), r.body());

        for (String tampered : List.of("Value=a+b%20c", "Value=a%2Bb%2Bc", "Value=a+b+c")) {
            assertError(endpoint.handle(withValue(signed, tampered)), 401, "AuthFailure");
        }
        // a bare + is a space to the signature and to the parameters alike: same value, same signature
        Ec2Endpoint.Result same = endpoint.handle(withValue(signed, "Value=a%2Bb+c"));
        assertEquals(200, same.status(), same.body());
        assertTrue(same.body().contains("<value>a+b c</value>"), same.body());
        assertEquals(2, fake.executions.get());
    }

    private static RawRequest withValue(RawRequest signed, String value) {
        return new RawRequest("GET", signed.rawPath(), signed.rawQuery().replace("Value=a%2Bb%20c", value),
                signed.headers(), signed.body());
    }

    @Test
    void aBodyThatIsNotAFormIsRefused() {
        String body = "{\"Action\":\"Echo\"}";
        RawRequest json = SdkSigned.received(SdkSigned.signedPost(SdkSigned.ENDPOINT, FakeActions.KEY,
                FakeActions.SECRET, "lab-1", "ec2", NOW, "application/json", body), body);
        assertError(endpoint.handle(json), 400, "InvalidParameterValue");
    }

    @Test
    void onlyGetAndPostAreAnswered() {
        RawRequest signed = SdkSigned.post(FakeActions.KEY, FakeActions.SECRET, "lab-1", "ec2", NOW,
                "Action=Echo&Version=2016-11-15&Value=x");
        assertError(endpoint.handle(new RawRequest("PUT", "/", "", signed.headers(), signed.body())), 400,
                "InvalidAction");
        assertEquals(0, fake.executions.get());
    }

    private static void assertError(Ec2Endpoint.Result r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.errorCode(), r.body());
        assertTrue(r.body().contains("<Code>" + code + "</Code>"), r.body());
        assertTrue(r.body().contains("<RequestID>" + r.requestId() + "</RequestID>"), r.body());
    }
}
