package io.labvisor.imds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * EC2's instance metadata service, IMDSv2 only: {@code PUT /latest/api/token} with
 * {@code X-aws-ec2-metadata-token-ttl-seconds} (1..21600) issues a session token; every GET must carry it in
 * {@code X-aws-ec2-metadata-token}. Answers as EC2 does: 400 for a missing or bad TTL, 401 for a missing, invalid or
 * expired token, 403 for a token request that came through a proxy ({@code X-Forwarded-For}), 404 for an unknown
 * path, 405 for other methods. A caller that is no instance gets 403.
 */
final class MetadataHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(MetadataHandler.class);
    static final String TOKEN_PATH = "/latest/api/token";
    static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";

    private final Function<String, Optional<InstanceMetadata>> callers;
    private final Tokens tokens;

    MetadataHandler(Function<String, Optional<InstanceMetadata>> callers, Tokens tokens) {
        this.callers = callers;
        this.tokens = tokens;
    }

    /** A response: status and body. */
    record Reply(int status, byte[] body, Map<String, String> headers) {
        static Reply of(int status, String body) {
            return new Reply(status, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String source = ex.getRemoteAddress().getAddress().getHostAddress();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        Optional<Reply> refused = refuseCheaply(method, path, ex.getRequestHeaders()::getFirst);
        // who the caller is costs a neighbour lookup and an SQLite query per registered state: only when needed
        Optional<InstanceMetadata> caller = refused.isPresent() ? Optional.empty() : callers.apply(source);
        Reply reply = refused.orElseGet(() -> answer(method, path, caller, ex.getRequestHeaders()::getFirst));
        log.info("{} {} {} from {} ({}): {}", method, path, reply.status(), source,
                caller.map(InstanceMetadata::instanceId).orElse("unknown"), reply.body().length);
        ex.getResponseHeaders().set("Content-Type", reply.status() == 200 ? "text/plain" : "text/html");
        ex.getResponseHeaders().set("Server", "EC2ws");
        reply.headers().forEach(ex.getResponseHeaders()::set);
        boolean head = method.equals("HEAD");
        ex.sendResponseHeaders(reply.status(), head || reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            if (!head) {
                out.write(reply.body());
            }
        }
    }

    /** The refusals that need no caller: wrong method or path, a proxied or malformed token request, no token. */
    Optional<Reply> refuseCheaply(String method, String path, Function<String, String> header) {
        if (method.equals("PUT")) {
            if (!path.equals(TOKEN_PATH)) {
                return Optional.of(error(405, "Method Not Allowed"));
            }
            if (header.apply("X-Forwarded-For") != null) {
                return Optional.of(error(403, "Forbidden"));
            }
            return Tokens.parseTtl(header.apply(TTL_HEADER)).isEmpty() ? Optional.of(error(400, "Bad Request"))
                    : Optional.empty();
        }
        if (!method.equals("GET") && !method.equals("HEAD") || path.equals(TOKEN_PATH)) {
            return Optional.of(error(405, "Method Not Allowed"));
        }
        String token = header.apply(TOKEN_HEADER);
        return token == null || token.isBlank() ? Optional.of(error(401, "Unauthorized")) : Optional.empty();
    }

    /** The answer to one request, given its caller and a header lookup. Pure but for the token clock. */
    Reply answer(String method, String path, Optional<InstanceMetadata> caller, Function<String, String> header) {
        if (caller.isEmpty()) {
            return error(403, "Forbidden");
        }
        InstanceMetadata me = caller.get();
        if (method.equals("PUT")) {
            if (!path.equals(TOKEN_PATH)) {
                return error(405, "Method Not Allowed");
            }
            if (header.apply("X-Forwarded-For") != null) {
                return error(403, "Forbidden");
            }
            Optional<Integer> ttl = Tokens.parseTtl(header.apply(TTL_HEADER));
            if (ttl.isEmpty()) {
                return error(400, "Bad Request");
            }
            return new Reply(200, tokens.issue(me.instanceId(), ttl.get()).getBytes(StandardCharsets.UTF_8),
                    Map.of(TTL_HEADER, Integer.toString(ttl.get())));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return error(405, "Method Not Allowed");
        }
        if (path.equals(TOKEN_PATH)) {
            return error(405, "Method Not Allowed");
        }
        if (!tokens.valid(header.apply(TOKEN_HEADER), me.instanceId())) {
            return error(401, "Unauthorized");
        }
        return MetadataTree.resolve(Map.of("latest", me.latest()), path)
                .map(body -> new Reply(200, body, Map.<String, String>of()))
                .orElseGet(() -> error(404, "Not Found"));
    }

    /** EC2's error pages are small HTML documents naming the status. */
    private static Reply error(int status, String reason) {
        String title = status + " - " + reason;
        return Reply.of(status, "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n"
                + "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
                + "\t\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"
                + " <head>\n  <title>" + title + "</title>\n </head>\n <body>\n  <h1>" + title + "</h1>\n"
                + " </body>\n</html>\n");
    }
}
