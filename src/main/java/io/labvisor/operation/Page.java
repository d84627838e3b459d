package io.labvisor.operation;

import java.util.List;
import java.util.Optional;

/** One page of a Describe result and the token for the next, if there is more. */
public record Page<T>(List<T> items, Optional<String> nextToken) {
}
