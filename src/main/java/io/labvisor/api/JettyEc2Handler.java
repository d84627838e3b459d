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

import java.io.IOException;
import java.io.InputStream;
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
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        long start = System.nanoTime();
        Ec2Endpoint.Result result;
        byte[] body = request.getLength() > maxBodyBytes ? null : readAtMost(request, maxBodyBytes);
        if (body == null) {
            result = endpoint.reject(new Ec2Exception(ErrorCode.REQUEST_ENTITY_TOO_LARGE,
                    "The request body is larger than " + maxBodyBytes + " bytes"));
        } else {
            result = endpoint.handle(new RawRequest(request.getMethod(), request.getHttpURI().getPath(),
                    request.getHttpURI().getQuery(), headers(request), body));
        }
        response.setStatus(result.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml;charset=UTF-8");
        Content.Sink.write(response, true, result.body(), callback);
        AccessLog.record(request.getMethod(), Request.getRemoteAddr(request), result,
                Duration.ofNanos(System.nanoTime() - start));
        return true;
    }

    /** The body, or null when it is longer than {@code limit}. */
    private static byte[] readAtMost(Request request, int limit) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? null : body;
        }
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            out.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        return out;
    }
}
