package io.labvisor.api;

import io.labvisor.api.auth.SdkSigned;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sends a form POST signed by the AWS SDK's SigV4 signer (at any time, with any secret) over plain HTTP. */
final class SignedHttp {
    /** Headers the JDK client sets itself and refuses to take from the caller; it sends the same values. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private SignedHttp() {
    }

    static HttpResponse<String> post(URI endpoint, String key, String secret, Instant signedAt, String form)
            throws Exception {
        SdkHttpRequest signed = SdkSigned.signedPost(endpoint, key, secret, "us-east-1", "ec2", signedAt, form);
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(form));
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            if (!SET_BY_CLIENT.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                h.getValue().forEach(v -> b.header(h.getKey(), v));
            }
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
