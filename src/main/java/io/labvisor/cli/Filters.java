package io.labvisor.cli;

import io.labvisor.ec2.Filter;

import java.util.List;

/** The AWS CLI's {@code --filters Name=x,Values=a,b ...} shorthand. */
final class Filters {
    private Filters() {
    }

    static List<Filter> parse(List<String> specs) {
        return specs == null ? List.of() : specs.stream().map(Filter::parseCli).toList();
    }
}
