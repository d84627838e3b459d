package io.labvisor.operation.instance;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * RunInstances' ClientToken, as EC2 honours it: a request repeated with the same token launches nothing more and
 * answers the first one's reservation, waiting for it while it is still launching. The SDKs send a token and retry
 * a call that outlasts their read timeout (a launch under TCG on a loaded host can), which without this launched
 * twice. The same token with other parameters is refused. Tokens are kept in memory, the latest {@value #KEPT}.
 */
final class ClientTokens<R> {
    static final int KEPT = 1024;

    private record Entry<R>(Record request, CompletableFuture<R> answer) {
    }

    private final Map<String, Entry<R>> byToken = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry<R>> eldest) {
            return size() > KEPT;
        }
    };

    /** Refuses a token already used with other parameters (a check that changes nothing, for DryRun too). */
    void check(String token, Record request) {
        if (token == null) {
            return;
        }
        Entry<R> first;
        synchronized (byToken) {
            first = byToken.get(token);
        }
        if (first != null && !first.request().equals(request)) {
            throw new Ec2Exception(ErrorCode.IDEMPOTENT_PARAMETER_MISMATCH,
                    "The client token " + token + " was used before with other parameters");
        }
    }

    /** The answer for {@code token}: {@code work}'s, the first time; the first answer, every later time. */
    R once(String token, Record request, Supplier<R> work) {
        if (token == null) {
            return work.get();
        }
        Entry<R> mine = new Entry<>(request, new CompletableFuture<>());
        Entry<R> first;
        synchronized (byToken) {
            first = byToken.putIfAbsent(token, mine);
        }
        if (first != null) {
            check(token, request);
            try {
                return first.answer().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            R answer = work.get();
            mine.answer().complete(answer);
            return answer;
        } catch (RuntimeException e) {
            synchronized (byToken) {
                byToken.remove(token, mine); // a failed launch may be tried again with the same token
            }
            mine.answer().completeExceptionally(e);
            throw e;
        }
    }
}
