package io.labvisor.operation;

import io.labvisor.ec2.Ec2Exception;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code MaxResults}/{@code NextToken} paging for one Describe action. The token is opaque to clients: base64url
 * of the action and the offset of the next item, so a token from one action is refused by another.
 */
public final class Pager {
    private static final Pattern TOKEN = Pattern.compile("labvisor-page-v1:([A-Za-z]+):([0-9]{1,9})");

    private final String action;
    private final int minResults;
    private final int maxResults;

    /** @param minResults and maxResults the range EC2 documents for this action's {@code MaxResults} */
    public Pager(String action, int minResults, int maxResults) {
        this.action = action;
        this.minResults = minResults;
        this.maxResults = maxResults;
    }

    /** Validates {@code MaxResults} and {@code NextToken} before any work is done. */
    public Request read(Optional<Integer> max, Optional<String> nextToken) {
        max.ifPresent(m -> {
            if (m < minResults || m > maxResults) {
                throw Ec2Exception.invalidParameter("Value (" + m + ") for parameter maxResults is invalid. "
                        + "Expecting a value between " + minResults + " and " + maxResults + ".");
            }
        });
        int offset = nextToken.filter(t -> !t.isEmpty()).map(this::offsetOf).orElse(0);
        return new Request(max, offset, action);
    }

    /** A validated paging request; {@link #page} cuts a full result. */
    public record Request(Optional<Integer> maxResults, int offset, String action) {
        public boolean paged() {
            return maxResults.isPresent() || offset > 0;
        }

        public <T> Page<T> page(List<T> all) {
            int from = Math.min(offset, all.size());
            int to = maxResults.map(m -> Math.min(all.size(), from + m)).orElse(all.size());
            Optional<String> next = to < all.size() ? Optional.of(tokenFor(action, to)) : Optional.empty();
            return new Page<>(all.subList(from, to), next);
        }
    }

    static String tokenFor(String action, int offset) {
        String plain = "labvisor-page-v1:" + action + ":" + offset;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private int offsetOf(String token) {
        try {
            Matcher m = TOKEN.matcher(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (m.matches() && m.group(1).equals(action)) {
                return Integer.parseInt(m.group(2));
            }
        } catch (IllegalArgumentException e) {
            // not base64: falls through to the error below
        }
        throw Ec2Exception.invalidParameter("The NextToken value '" + token + "' is not valid for " + action);
    }
}
