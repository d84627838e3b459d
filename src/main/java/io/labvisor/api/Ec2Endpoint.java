package io.labvisor.api;

import io.labvisor.api.actions.ActionHandler;
import io.labvisor.api.actions.ActionRegistry;
import io.labvisor.api.auth.Caller;
import io.labvisor.api.auth.SigV4Verifier;
import io.labvisor.api.query.FormParams;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.Ec2Xml;
import io.labvisor.api.xml.XmlNode;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One EC2 Query request, start to finish, independent of the HTTP server: verify the signature, decode the
 * parameters (query string and form body), find the action, let it validate, stop there for DryRun, run it, and
 * answer EC2's XML, or EC2's error document with the error's HTTP status. Nothing is decoded or acted on before the
 * signature has verified, and nothing happens twice.
 */
public final class Ec2Endpoint {
    public static final String API_VERSION = "2016-11-15";
    /** The presigned-URL parameters: signature material, not action parameters. */
    private static final Set<String> AUTH_PARAMETERS = Set.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token");
    private static final Logger log = LoggerFactory.getLogger(Ec2Endpoint.class);

    private final SigV4Verifier verifier;
    private final ActionRegistry actions;

    public Ec2Endpoint(SigV4Verifier verifier, ActionRegistry actions) {
        this.verifier = verifier;
        this.actions = actions;
    }

    /**
     * The outcome, with what the access log records.
     *
     * @param action    the Action parameter once read, else null
     * @param caller    who signed, once verified, else null
     * @param errorCode the EC2 error code, or null on success
     */
    public record Result(int status, String body, String requestId, String action, Caller caller, String errorCode) {
    }

    public Result handle(RawRequest request) {
        String requestId = UUID.randomUUID().toString();
        String action = null;
        Caller caller = null;
        try {
            String method = request.method().toUpperCase(Locale.ROOT);
            if (!method.equals("GET") && !method.equals("POST")) {
                throw new Ec2Exception(ErrorCode.INVALID_ACTION, "The EC2 Query API answers GET and POST only");
            }
            caller = verifier.verify(request);
            QueryRequest q = QueryRequest.of(parameters(request));
            action = q.requiredString("Action");
            String version = q.requiredString("Version");
            if (!version.equals(API_VERSION)) {
                throw Ec2Exception.invalidParameter("API version " + version + " is not supported; use " + API_VERSION);
            }
            String name = action;
            ActionHandler handler = actions.find(action).orElseThrow(() -> new Ec2Exception(ErrorCode.INVALID_ACTION,
                    "The action " + name + " is not valid for this web service."));
            boolean dryRun = q.dryRun();
            ActionHandler.Execution execution = handler.prepare(q);
            q.rejectUnread();
            if (dryRun) {
                throw new Ec2Exception(ErrorCode.DRY_RUN_OPERATION,
                        "Request would have succeeded, but DryRun flag is set.");
            }
            XmlNode response = Ec2Xml.response(action, requestId);
            execution.writeTo(response);
            return new Result(200, Ec2Xml.serialize(response), requestId, action, caller, null);
        } catch (Ec2Exception e) {
            if (e.code() == ErrorCode.INTERNAL_ERROR) {
                // its text comes from libvirt, QEMU or host paths: for the log, not for the caller
                return internalError(e, requestId, action, caller);
            }
            return error(e, requestId, action, caller);
        } catch (RuntimeException e) {
            return internalError(e, requestId, action, caller);
        }
    }

    private static Result internalError(RuntimeException e, String requestId, String action, Caller caller) {
        log.error("request {} ({}) failed", requestId, action, e);
        return error(new Ec2Exception(ErrorCode.INTERNAL_ERROR,
                "An internal error has occurred (request " + requestId + ")"), requestId, action, caller);
    }

    /** An error answered before the request reached {@link #handle}, e.g. a body over the size limit. */
    public Result reject(Ec2Exception e) {
        return error(e, UUID.randomUUID().toString(), null, null);
    }

    private static Result error(Ec2Exception e, String requestId, String action, Caller caller) {
        return new Result(e.code().httpStatus(), Ec2Xml.error(e.code().code(), e.getMessage(), requestId),
                requestId, action, caller, e.code().code());
    }

    /** The action parameters: the query string's (less any presigned-URL signature) then a POST's form body. */
    private static Map<String, String> parameters(RawRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        FormParams.decodeInto(request.rawQuery(), params);
        params.keySet().removeAll(AUTH_PARAMETERS);
        byte[] body = request.body();
        if (body.length > 0) {
            String type = request.firstHeader("content-type");
            if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                throw Ec2Exception.invalidParameter("The request body must be application/x-www-form-urlencoded");
            }
            FormParams.decodeInto(new String(body, StandardCharsets.UTF_8), params);
        }
        return params;
    }
}
