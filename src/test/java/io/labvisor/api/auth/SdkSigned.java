package io.labvisor.api.auth;

import io.labvisor.api.RawRequest;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Requests signed by the AWS SDK for Java v2's own SigV4 signer, turned into what the server receives. */
public final class SdkSigned {
    public static final URI ENDPOINT = URI.create("http://127.0.0.1:8787");

    private SdkSigned() {
    }

    /** A form POST signed in the Authorization header, as the EC2 client sends it. */
    public static RawRequest post(String key, String secret, String region, String service, Instant at, String form) {
        return received(signedPost(ENDPOINT, key, secret, region, service, at, form), form);
    }

    /** The signed POST itself, for sending over HTTP to {@code endpoint}. */
    public static SdkHttpRequest signedPost(URI endpoint, String key, String secret, String region, String service,
                                            Instant at, String form) {
        return signedPost(endpoint, key, secret, region, service, at, "application/x-www-form-urlencoded; charset=utf-8",
                form);
    }

    public static SdkHttpRequest signedPost(URI endpoint, String key, String secret, String region, String service,
                                            Instant at, String contentType, String form) {
        SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", contentType).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key, secret))
                .request(http)
                .payload(ContentStreamProvider.fromUtf8String(form))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return signed.request();
    }

    /** A presigned GET: the action's parameters and the signature both in the query string. */
    public static RawRequest presignedGet(String key, String secret, String region, Instant at, Duration expires,
                                   Map<String, String> params) {
        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(ENDPOINT);
        params.forEach(b::putRawQueryParameter);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key, secret))
                .request(b.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expires)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return received(signed.request(), "");
    }

    /** What Jetty hands over: raw path and query, headers as sent plus Host, the body bytes. */
    public static RawRequest received(SdkHttpRequest r, String body) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>(r.headers());
        if (r.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("host"))) {
            headers.put("Host", List.of(ENDPOINT.getAuthority()));
        }
        return new RawRequest(r.method().name(), r.encodedPath().isEmpty() ? "/" : r.encodedPath(),
                r.encodedQueryParameters().orElse(""), headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
