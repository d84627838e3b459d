package io.labvisor.api.auth;

import io.labvisor.api.RawRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite, 2015-08-30: credentials AKIDEXAMPLE,
 * region us-east-1, service "service", host example.amazonaws.com). Each case is the suite's request with the
 * suite's published Authorization header; the verifier must accept it, and reject it once anything changes.
 */
class SigV4TestSuiteTest {
    static final String KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String DATE = "20150830T123600Z";
    static final Clock SUITE_CLOCK = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
    static final String CREDENTIAL = KEY + "/20150830/us-east-1/service/aws4_request";

    private final SigV4Verifier verifier = new SigV4Verifier("service",
            id -> id.equals(KEY) ? Optional.of(SECRET) : Optional.empty(), SUITE_CLOCK);

    record Vector(String name, String method, String path, String query, Map<String, List<String>> headers,
                  String body, String signedHeaders, String signature) {
        @Override
        public String toString() {
            return name;
        }

        RawRequest request(String signature) {
            Map<String, List<String>> all = new LinkedHashMap<>(headers);
            all.put("Host", List.of("example.amazonaws.com"));
            all.put("X-Amz-Date", List.of(DATE));
            all.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders="
                    + signedHeaders + ", Signature=" + signature));
            return new RawRequest(method, path, query, all, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Stream<Vector> vectors() {
        String plain = "host;x-amz-date";
        return Stream.of(
                new Vector("get-vanilla", "GET", "/", "", Map.of(), "", plain,
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
                new Vector("get-unreserved", "GET",
                        "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "", Map.of(), "", plain,
                        "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
                new Vector("get-slashes", "GET", "//example//", "", Map.of(), "", plain,
                        "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
                new Vector("get-vanilla-query-order-key-case", "GET", "/", "Param2=value2&Param1=value1", Map.of(),
                        "", plain, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
                new Vector("get-vanilla-query-order-value", "GET", "/", "Param1=value2&Param1=value1", Map.of(), "",
                        plain, "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
                new Vector("get-vanilla-utf8-query", "GET", "/", "%E1%88%B4=bar", Map.of(), "", plain,
                        "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
                new Vector("get-header-value-order", "GET", "/", "",
                        Map.of("My-Header1", List.of("value4", "value1", "value3", "value2")), "",
                        "host;my-header1;x-amz-date",
                        "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
                new Vector("get-header-key-duplicate", "GET", "/", "",
                        Map.of("My-Header1", List.of("value2", "value2", "value1")), "", "host;my-header1;x-amz-date",
                        "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
                new Vector("get-header-value-trim", "GET", "/", "",
                        Map.of("My-Header1", List.of(" value1"), "My-Header2", List.of("\"a   b   c\"")), "",
                        "host;my-header1;my-header2;x-amz-date",
                        "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
                new Vector("post-x-www-form-urlencoded", "POST", "/", "",
                        Map.of("Content-Type", List.of("application/x-www-form-urlencoded")), "Param1=value1",
                        "content-type;host;x-amz-date",
                        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void acceptsThePublishedSignature(Vector v) {
        Caller caller = verifier.verify(v.request(v.signature()));
        assertEquals(new Caller(KEY, "us-east-1"), caller);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void rejectsTheVectorWithOneSignatureDigitChanged(Vector v) {
        String s = v.signature();
        String changed = s.substring(0, s.length() - 1) + (s.endsWith("0") ? "1" : "0");
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> verifier.verify(v.request(changed)));
        assertEquals(ErrorCode.AUTH_FAILURE, e.code());
    }

    static Stream<Arguments> tamperings() {
        Vector post = vectors().filter(v -> v.name().equals("post-x-www-form-urlencoded")).findFirst().orElseThrow();
        return Stream.of(
                Arguments.of("body", new Vector(post.name(), "POST", "/", "", post.headers(), "Param1=value2",
                        post.signedHeaders(), post.signature())),
                Arguments.of("method", new Vector(post.name(), "PUT", "/", "", post.headers(), post.body(),
                        post.signedHeaders(), post.signature())),
                Arguments.of("query", new Vector(post.name(), "POST", "/", "Action=RunInstances", post.headers(),
                        post.body(), post.signedHeaders(), post.signature())),
                Arguments.of("signed header value", new Vector(post.name(), "POST", "/", "",
                        Map.of("Content-Type", List.of("text/plain")), post.body(), post.signedHeaders(),
                        post.signature())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void rejectsAChangedRequest(String what, Vector tampered) {
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> verifier.verify(tampered.request(tampered.signature())));
        assertEquals(ErrorCode.AUTH_FAILURE, e.code());
    }

    @Test
    void canonicalRequestOfTheFormPostIsThePublishedOne() {
        String creq = SigV4.canonicalRequest("POST", "/", "", Set.of(), List.of("content-type", "host", "x-amz-date"),
                Map.of("content-type", List.of("application/x-www-form-urlencoded"),
                        "host", List.of("example.amazonaws.com"), "x-amz-date", List.of(DATE)),
                SigV4.sha256Hex("Param1=value1".getBytes(StandardCharsets.UTF_8)));
        assertEquals(String.join("\n", "POST", "/", "", "content-type:application/x-www-form-urlencoded",
                "host:example.amazonaws.com", "x-amz-date:20150830T123600Z", "", "content-type;host;x-amz-date",
                "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"), creq);
        assertEquals("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
                SigV4.stringToSign(DATE, "20150830/us-east-1/service/aws4_request", creq));
        assertEquals("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", SigV4.signature(
                SigV4.signingKey(SECRET, "20150830", "us-east-1", "service"),
                SigV4.stringToSign(DATE, "20150830/us-east-1/service/aws4_request", creq)));
    }

    @Test
    void canonicalQuerySortsByNameThenValueAndEncodesStrictly() {
        assertEquals("Param1=value1&Param2=value2", SigV4.canonicalQuery("Param2=value2&Param1=value1", Set.of()));
        assertEquals("Param1=value1&Param1=value2", SigV4.canonicalQuery("Param1=value2&Param1=value1", Set.of()));
        assertEquals("a=1&b=", SigV4.canonicalQuery("b&a=1", Set.of()));
        // a bare + is a space, as the parameter decoder reads it; only %2B is a plus
        assertEquals("q=a%20b", SigV4.canonicalQuery("q=a+b", Set.of()));
        assertEquals("q=a%2Bb", SigV4.canonicalQuery("q=a%2Bb", Set.of()));
        assertEquals("q=a%20b", SigV4.canonicalQuery("q=a%20b", Set.of()));
        assertEquals("%E1%88%B4=bar", SigV4.canonicalQuery("%e1%88%b4=bar", Set.of()));
        assertEquals("A=1", SigV4.canonicalQuery("X-Amz-Signature=abc&A=1", Set.of("X-Amz-Signature")));
    }

    @Test
    void canonicalUriResolvesDotsAndSlashesAndEncodesTheWireFormOnceMore() {
        assertEquals("/", SigV4.canonicalUri(""));
        assertEquals("/", SigV4.canonicalUri("/"));
        assertEquals("/example/", SigV4.canonicalUri("//example//"));
        assertEquals("/b", SigV4.canonicalUri("/a/../b"));
        assertEquals("/a/b", SigV4.canonicalUri("/a/./b"));
        assertEquals("/example%2520space/", SigV4.canonicalUri("/example%20space/"));
    }
}
