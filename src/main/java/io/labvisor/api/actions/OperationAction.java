package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.XmlRenderer;
import io.labvisor.operation.Operation;

/** An operation as a Query action: the parameters bound to its typed request, its response written as XML. */
record OperationAction(Operation<?, ?> operation) implements ActionHandler {
    @Override
    public String action() {
        return operation.name();
    }

    @Override
    public Execution prepare(QueryRequest request) {
        Operation.Prepared<? extends Record> prepared = operation.prepareAny(
                QueryBinder.bind(operation.requestType(), request));
        return out -> XmlRenderer.write(out, prepared.execute());
    }
}
