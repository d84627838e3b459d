package io.labvisor.api;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adapts Jetty's requests to {@link Ec2Endpoint}: reads the body up to the limit, writes the XML, logs the access. */
final class JettyEc2Handler extends Handler.Abstract {
    private final Ec2Endpoint endpoint;
    private final int maxBodyBytes;

    JettyEc2Handler(Ec2Endpoint endpoint, int maxBodyBytes) {
        this.endpoint = endpoint;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        if (request.getLength() > maxBodyBytes) {
            answer(request, response, callback, start, tooLarge());
            return true;
        }
        // Read without holding a thread: a client that sends its body slowly (or never) costs a connection, which
        // the connector's idle timeout closes, not one of the server's threads.
        Content.Source.asByteArrayAsync(request, maxBodyBytes).whenComplete((body, failure) -> {
            if (failure == null) {
                answer(request, response, callback, start, endpoint.handle(new RawRequest(request.getMethod(),
                        request.getHttpURI().getPath(), request.getHttpURI().getQuery(), headers(request), body)));
            } else if (unwrap(failure) instanceof IllegalArgumentException) {
                answer(request, response, callback, start, tooLarge());
            } else {
                callback.failed(unwrap(failure)); // the client went away or timed out: nobody to answer
            }
        });
        return true;
    }

    private Ec2Endpoint.Result tooLarge() {
        return endpoint.reject(new Ec2Exception(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
                "The request body is larger than " + maxBodyBytes + " bytes"));
    }

    private static void answer(Request request, Response response, Callback callback, long start,
                               Ec2Endpoint.Result result) {
        response.setStatus(result.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml;charset=UTF-8");
        Content.Sink.write(response, true, result.body(), callback);
        AccessLog.record(request.getMethod(), Request.getRemoteAddr(request), result,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            out.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        return out;
    }
}
