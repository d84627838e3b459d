package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;

import java.util.function.Function;

/** A handler given by its action name and its prepare step; the grouped action classes build theirs with it. */
record NamedAction(String action, Function<QueryRequest, Execution> preparer) implements ActionHandler {
    @Override
    public Execution prepare(QueryRequest request) {
        return preparer.apply(request);
    }
}
