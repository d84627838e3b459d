package io.labvisor.api.auth;

/** Who signed a request that verified: the access key, and the region its credential scope named. */
public record Caller(String accessKeyId, String region) {
}
