package io.labvisor.api.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS Signature Version 4, the server's half: the canonical request built from a request exactly as received,
 * and the HMAC-SHA256 chain over it (AWS's "Create a canonical request" and "Calculate the signature" steps).
 *
 * <p>Why not the AWS SDK's signer: {@code AwsV4HttpSigner} signs outgoing requests and decides itself which headers
 * to sign (all present ones except its own exclusion list, e.g. {@code user-agent}, {@code expect}), adds
 * {@code Host}, {@code X-Amz-Date} and payload headers of its own, and computes presigned query parameters itself.
 * A verifier must instead sign exactly the header list the client named in {@code SignedHeaders}, with the values
 * and query it received, so the canonical request is built here per AWS's specification and checked against AWS's
 * published test vectors and against requests signed by the SDK's own signer (see the tests).
 */
public final class SigV4 {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String TERMINATOR = "aws4_request";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** How the query string's {@code +} decodes, for the signature and for the parameters alike. */
    public static final boolean QUERY_PLUS_IS_SPACE = true;

    private SigV4() {
    }

    /**
     * The canonical request.
     *
     * @param rawPath       the path as sent (percent-encoded)
     * @param rawQuery      the query string as sent, without {@code ?}
     * @param excludedQuery decoded query parameter names left out (the presigned {@code X-Amz-Signature})
     * @param signedHeaders lower-case header names, in the order the client listed them
     * @param headers       received header values by lower-case name
     */
    public static String canonicalRequest(String method, String rawPath, String rawQuery, Set<String> excludedQuery,
                                          List<String> signedHeaders, Map<String, List<String>> headers,
                                          String payloadHash) {
        StringBuilder headerBlock = new StringBuilder();
        for (String name : signedHeaders) {
            headerBlock.append(name).append(':').append(canonicalHeaderValue(headers.getOrDefault(name, List.of())))
                    .append('\n');
        }
        return method + '\n'
                + canonicalUri(rawPath) + '\n'
                + canonicalQuery(rawQuery, excludedQuery) + '\n'
                + headerBlock + '\n'
                + String.join(";", signedHeaders) + '\n'
                + payloadHash;
    }

    /**
     * The path with empty, {@code .} and {@code ..} segments resolved (RFC 3986 normalisation, as AWS's non-S3
     * services do), then each segment percent-encoded once more, as the SDKs encode the already-encoded path.
     */
    public static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rawPath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(PercentCoding.encode(segment));
            }
        }
        boolean trailingSlash = rawPath.endsWith("/") && !segments.isEmpty();
        return "/" + String.join("/", segments) + (trailingSlash ? "/" : "");
    }

    /**
     * Parameters decoded, re-encoded strictly, sorted by name then value; a name without {@code =} gets "".
     * A bare {@code +} decodes to a space, as {@link io.labvisor.api.query.FormParams} decodes the same query for the
     * action: were the two to disagree, {@code %2B} and {@code +} would sign alike yet mean different values. The
     * SDKs send {@code %20} and {@code %2B} and never a bare {@code +}, so what they sign is unchanged.
     */
    public static String canonicalQuery(String rawQuery, Set<String> excluded) {
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = PercentCoding.decode(eq < 0 ? part : part.substring(0, eq), QUERY_PLUS_IS_SPACE);
            String value = eq < 0 ? "" : PercentCoding.decode(part.substring(eq + 1), QUERY_PLUS_IS_SPACE);
            if (!excluded.contains(name)) {
                pairs.add(new String[] {PercentCoding.encode(name), PercentCoding.encode(value)});
            }
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        List<String> joined = new ArrayList<>();
        for (String[] p : pairs) {
            joined.add(p[0] + "=" + p[1]);
        }
        return String.join("&", joined);
    }

    /** Values of repeated fields joined by commas, each trimmed, runs of spaces collapsed to one. */
    public static String canonicalHeaderValue(List<String> values) {
        List<String> cleaned = new ArrayList<>();
        for (String v : values) {
            cleaned.add(v.strip().replaceAll(" +", " "));
        }
        return String.join(",", cleaned);
    }

    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    public static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, TERMINATOR);
    }

    public static String signature(byte[] signingKey, String stringToSign) {
        return java.util.HexFormat.of().formatHex(hmac(signingKey, stringToSign));
    }

    public static String sha256Hex(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
