package io.labvisor.operation;

import java.util.function.Function;

/**
 * One EC2 operation: a typed request in, a typed response out, the same for the Query API and the command line.
 * Handling has two steps so DryRun means the same through both doors: {@link #prepare} validates the request and
 * the resources it names, changing nothing; the returned {@link Prepared} does the work. Operations hold no
 * per-request state.
 *
 * @param <Q> the request record (its components, annotated with {@link Param}, are the parameter table)
 * @param <R> the response record (its components, annotated with {@link Field}, are the response shape)
 */
public interface Operation<Q extends Record, R extends Record> {
    /** EC2's operation name, e.g. {@code DescribeInstances}: the Query API's {@code Action}. */
    String name();

    Class<Q> requestType();

    Class<R> responseType();

    /** Validates; throws {@code Ec2Exception} for anything EC2 would refuse. */
    Prepared<R> prepare(Q request);

    /** The validated work. */
    @FunctionalInterface
    interface Prepared<R> {
        R execute();
    }

    /** An operation given by its name, its two record types and its prepare step. */
    static <Q extends Record, R extends Record> Operation<Q, R> of(String name, Class<Q> requestType,
                                                                  Class<R> responseType,
                                                                  Function<Q, Prepared<R>> preparer) {
        return new Named<>(name, requestType, responseType, preparer);
    }

    /** Prepares a request of unchecked type: the doors find operations by name. */
    default Prepared<R> prepareAny(Record request) {
        return prepare(requestType().cast(request));
    }

    record Named<Q extends Record, R extends Record>(String name, Class<Q> requestType, Class<R> responseType,
                                                     Function<Q, Prepared<R>> preparer) implements Operation<Q, R> {
        @Override
        public Prepared<R> prepare(Q request) {
            return preparer.apply(request);
        }
    }
}
