package io.labvisor.api.auth;

import io.labvisor.api.RawRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a request's AWS Signature Version 4, in the {@code Authorization} header form or the presigned query
 * string form, for one service name and any region. Every failure is {@code AuthFailure}; nothing about the secret
 * or the expected signature ends up in the message.
 */
public final class SigV4Verifier {
    /** How far a header-signed request's {@code X-Amz-Date} may be from the server's clock, as AWS allows. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** The longest presigned URL lifetime SigV4 allows. */
    public static final Duration MAX_EXPIRES = Duration.ofDays(7);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
    private static final String EMPTY_SHA256 = SigV4.sha256Hex(new byte[0]);

    private final String service;
    private final Function<String, Optional<String>> secrets;
    private final Clock clock;

    /**
     * @param service the service name the credential scope must carry ({@code ec2})
     * @param secrets the secret of an active access key by its id; empty for unknown or inactive keys
     */
    public SigV4Verifier(String service, Function<String, Optional<String>> secrets, Clock clock) {
        this.service = service;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** @throws Ec2Exception {@code AuthFailure} unless the request carries a valid signature by a known key */
    public Caller verify(RawRequest request) {
        Map<String, String> query = authQueryParameters(request.rawQuery());
        String authorization = request.firstHeader("authorization");
        boolean presigned = query.containsKey("X-Amz-Signature") || query.containsKey("X-Amz-Algorithm");
        if (authorization != null && presigned) {
            throw fail("The request is signed both in the Authorization header and in the query string");
        }
        if (authorization != null) {
            return verifyHeader(request, authorization);
        }
        if (presigned) {
            return verifyQuery(request, query);
        }
        throw fail("Authentication is required: sign the request with AWS Signature Version 4");
    }

    private Caller verifyHeader(RawRequest request, String authorization) {
        if (request.header("authorization").size() > 1) {
            throw fail("More than one Authorization header");
        }
        if (!authorization.startsWith(SigV4.ALGORITHM + " ")) {
            throw fail("Unsupported authorization type: use " + SigV4.ALGORITHM);
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : authorization.substring(SigV4.ALGORITHM.length() + 1).split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2 || fields.put(kv[0], kv[1]) != null) {
                throw fail("Malformed Authorization header");
            }
        }
        String amzDate = request.firstHeader("x-amz-date");
        if (amzDate == null || request.header("x-amz-date").size() > 1) {
            throw fail("The request must carry one X-Amz-Date header");
        }
        Instant signedAt = parseDate(amzDate);
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw fail("Signature not yet current: " + amzDate + " is later than the server's time by more than 15 minutes");
        }
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw fail("Signature expired: " + amzDate + " is earlier than the server's time by more than 15 minutes");
        }
        List<String> signedHeaders = signedHeaders(required(fields, "SignedHeaders"), request, true);
        String payloadHash = SigV4.sha256Hex(request.body());
        String declared = request.firstHeader("x-amz-content-sha256");
        if (declared != null && !declared.equals(payloadHash)) {
            throw fail("X-Amz-Content-SHA256 does not match the request body");
        }
        return check(request, required(fields, "Credential"), amzDate, signedHeaders, Set.of(),
                required(fields, "Signature"), List.of(payloadHash));
    }

    private Caller verifyQuery(RawRequest request, Map<String, String> query) {
        if (!SigV4.ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
            throw fail("Unsupported X-Amz-Algorithm: use " + SigV4.ALGORITHM);
        }
        String amzDate = required(query, "X-Amz-Date");
        Instant signedAt = parseDate(amzDate);
        long expires;
        try {
            expires = Long.parseLong(required(query, "X-Amz-Expires"));
        } catch (NumberFormatException e) {
            throw fail("X-Amz-Expires must be a number of seconds");
        }
        if (expires < 1 || expires > MAX_EXPIRES.toSeconds()) {
            throw fail("X-Amz-Expires must be between 1 and " + MAX_EXPIRES.toSeconds() + " seconds");
        }
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw fail("Request is not yet valid: X-Amz-Date " + amzDate + " is in the future");
        }
        if (now.isAfter(signedAt.plusSeconds(expires))) {
            throw fail("Request has expired: it was valid for " + expires + " seconds from " + amzDate);
        }
        List<String> signedHeaders = signedHeaders(required(query, "X-Amz-SignedHeaders"), request, false);
        // A presigned URL's signer cannot know the body; for an empty body either spelling is equally safe.
        byte[] body = request.body();
        List<String> payloads = body.length == 0 ? List.of(EMPTY_SHA256, SigV4.UNSIGNED_PAYLOAD)
                : List.of(SigV4.sha256Hex(body));
        return check(request, required(query, "X-Amz-Credential"), amzDate, signedHeaders, Set.of("X-Amz-Signature"),
                required(query, "X-Amz-Signature"), payloads);
    }

    private Caller check(RawRequest request, String credential, String amzDate, List<String> signedHeaders,
                         Set<String> excludedQuery, String givenSignature, List<String> payloadHashes) {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || scope[2].isEmpty() || !SigV4.TERMINATOR.equals(scope[4])) {
            throw fail("Malformed Credential: expected <access key>/<date>/<region>/" + service + "/aws4_request");
        }
        if (!scope[1].equals(amzDate.substring(0, 8))) {
            throw fail("The Credential's date " + scope[1] + " does not match X-Amz-Date " + amzDate);
        }
        if (!service.equals(scope[3])) {
            throw fail("The Credential names service '" + scope[3] + "'; this endpoint is '" + service + "'");
        }
        String accessKeyId = scope[0];
        String secret = secrets.apply(accessKeyId).orElseThrow(
                () -> fail("AWS was not able to validate the provided access credentials"));
        String credentialScope = String.join("/", Arrays.asList(scope).subList(1, 5));
        byte[] key = SigV4.signingKey(secret, scope[1], scope[2], service);
        byte[] given = givenSignature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String payloadHash : payloadHashes) {
            String canonical;
            try {
                canonical = SigV4.canonicalRequest(request.method(), request.rawPath(), request.rawQuery(),
                        excludedQuery, signedHeaders, request.headers(), payloadHash);
            } catch (IllegalArgumentException e) {
                throw fail("Malformed query string: " + e.getMessage());
            }
            String expected = SigV4.signature(key, SigV4.stringToSign(amzDate, credentialScope, canonical));
            // Constant-time comparison: the time taken says nothing about how many characters matched.
            matched |= MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given);
        }
        if (!matched) {
            throw fail("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method.");
        }
        return new Caller(accessKeyId, scope[2]);
    }

    /** The signed header list; it must name host (and x-amz-date for header auth) and only headers present. */
    private static List<String> signedHeaders(String value, RawRequest request, boolean dateHeaderRequired) {
        List<String> names = List.of(value.split(";", -1));
        for (String name : names) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT))) {
                throw fail("Malformed SignedHeaders '" + value + "'");
            }
            if (request.header(name).isEmpty()) {
                throw fail("Signed header '" + name + "' is missing from the request");
            }
        }
        if (!names.contains("host")) {
            throw fail("The Host header must be signed");
        }
        if (dateHeaderRequired && !names.contains("x-amz-date")) {
            throw fail("The X-Amz-Date header must be signed");
        }
        return names;
    }

    /** The query string's X-Amz-* parameters, decoded; other parameters are the action's business. */
    private static Map<String, String> authQueryParameters(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.startsWith("X-Amz-")) {
                try {
                    String name = PercentCoding.decode(part.substring(0, eq), SigV4.QUERY_PLUS_IS_SPACE);
                    if (out.put(name, PercentCoding.decode(part.substring(eq + 1), SigV4.QUERY_PLUS_IS_SPACE)) != null) {
                        throw fail("Parameter " + name + " is repeated");
                    }
                } catch (IllegalArgumentException e) {
                    throw fail("Malformed query string: " + e.getMessage());
                }
            }
        }
        return out;
    }

    private static Instant parseDate(String amzDate) {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw fail("X-Amz-Date must look like 20150830T123600Z");
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw fail("The signature is missing " + name);
        }
        return value;
    }

    private static Ec2Exception fail(String message) {
        return new Ec2Exception(ErrorCode.AUTH_FAILURE, message);
    }
}
