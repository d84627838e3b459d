package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.XmlNode;

/**
 * One EC2 Query action. Handling has two steps so DryRun is honoured the same way by every action: {@link #prepare}
 * reads and validates every parameter and the resources they name, changing nothing; the returned
 * {@link Execution} does the work and writes the response elements. Handlers hold no per-request state.
 */
public interface ActionHandler {
    /** The {@code Action} parameter value, e.g. {@code RunInstances}. */
    String action();

    /** Validates the request; throws {@code Ec2Exception} for anything EC2 would refuse. */
    Execution prepare(QueryRequest request);

    /** The validated work; writes its result under the {@code <ActionResponse>} element. */
    @FunctionalInterface
    interface Execution {
        void writeTo(XmlNode response);
    }
}
