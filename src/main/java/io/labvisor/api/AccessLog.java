package io.labvisor.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * One line per request on logger {@code io.labvisor.api.access}, as key=value text and as SLF4J key-value pairs
 * for structured appenders. It records who and what, never the secret, the signature or the parameters.
 */
final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger("io.labvisor.api.access");

    private AccessLog() {
    }

    static void record(String method, String remote, Ec2Endpoint.Result r, Duration took) {
        String action = r.action() == null ? "-" : r.action();
        String key = r.caller() == null ? "-" : r.caller().accessKeyId();
        String region = r.caller() == null ? "-" : r.caller().region();
        String error = r.errorCode() == null ? "-" : r.errorCode();
        log.atInfo()
                .addKeyValue("method", method).addKeyValue("action", action).addKeyValue("status", r.status())
                .addKeyValue("durationMs", took.toMillis()).addKeyValue("accessKeyId", key)
                .addKeyValue("region", region).addKeyValue("error", error).addKeyValue("requestId", r.requestId())
                .addKeyValue("remote", remote)
                .log("method={} action={} status={} durationMs={} accessKeyId={} region={} error={} requestId={} remote={}",
                        method, action, r.status(), took.toMillis(), key, region, error, r.requestId(), remote);
    }
}
