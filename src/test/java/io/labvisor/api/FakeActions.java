package io.labvisor.api;

import io.labvisor.api.actions.ActionHandler;
import io.labvisor.api.actions.ActionRegistry;
import io.labvisor.api.auth.SigV4Verifier;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-in actions for endpoint tests: Echo needs a Value and writes it back, Boom fails while running, and
 * LibvirtFailure fails with an InternalError whose text names host paths.
 */
final class FakeActions {
    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    final AtomicInteger executions = new AtomicInteger();

    ActionRegistry registry() {
        ActionHandler echo = new ActionHandler() {
            @Override
            public String action() {
                return "Echo";
            }

            @Override
            public Execution prepare(QueryRequest q) {
                String value = q.requiredString("Value");
                return out -> {
                    executions.incrementAndGet();
                    out.text("value", value);
                };
            }
        };
        ActionHandler boom = new ActionHandler() {
            @Override
            public String action() {
                return "Boom";
            }

            @Override
            public Execution prepare(QueryRequest q) {
                return out -> {
                    throw new IllegalStateException("secret internals");
                };
            }
        };
        ActionHandler libvirtFailure = new ActionHandler() {
            @Override
            public String action() {
                return "LibvirtFailure";
            }

            @Override
            public Execution prepare(QueryRequest q) {
                return out -> {
                    throw new Ec2Exception(ErrorCode.INTERNAL_ERROR,
                            "Launch failed: cannot open /var/lib/labvisor/pool/ami-0.root.qcow2: Permission denied");
                };
            }
        };
        return new ActionRegistry(List.of(echo, boom, libvirtFailure));
    }

    Ec2Endpoint endpoint(Clock clock) {
        return new Ec2Endpoint(new SigV4Verifier("ec2", id -> id.equals(KEY) ? Optional.of(SECRET) : Optional.empty(),
                clock), registry());
    }
}
