package io.labvisor.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The instance types labvisor offers, read once from {@code instance-types.json} (AWS's own figures, see
 * SOURCES.md next to it), with lookup and DescribeInstanceTypes semantics.
 */
public final class InstanceTypeCatalog {

    private static final String RESOURCE = "instance-types.json";

    private final List<InstanceType> all;
    private final Map<String, InstanceType> byName;

    private InstanceTypeCatalog(List<InstanceType> types) {
        this.all = types.stream().sorted(InstanceTypeOrder.FAMILY_THEN_SIZE).toList();
        this.byName = all.stream().collect(Collectors.toUnmodifiableMap(InstanceType::name, t -> t));
    }

    /** The bundled catalog, loaded and checked on first use. */
    public static InstanceTypeCatalog builtIn() {
        return BuiltIn.CATALOG;
    }

    private static final class BuiltIn {
        static final InstanceTypeCatalog CATALOG = loadResource();

        private static InstanceTypeCatalog loadResource() {
            try (InputStream in = InstanceTypeCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource io/labvisor/catalog/" + RESOURCE);
                }
                return load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A catalog from a JSON array of DescribeInstanceTypes entries.
     *
     * @throws IllegalStateException naming the bad entry when the data is malformed, duplicated or implausible
     */
    public static InstanceTypeCatalog load(InputStream in) {
        return new InstanceTypeCatalog(InstanceTypeReader.read(in));
    }

    /** The named type, or empty; names are case-sensitive as in EC2. */
    public Optional<InstanceType> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /**
     * The named type, for requests such as RunInstances.
     *
     * @throws Ec2Exception {@code InvalidParameterValue} for an unknown type, as EC2 answers
     */
    public InstanceType require(String name) {
        return find(name).orElseThrow(() -> new Ec2Exception(ErrorCode.INVALID_PARAMETER_VALUE,
                "Invalid value '" + name + "' for InstanceType."));
    }

    /** Every type, by family then size. */
    public List<InstanceType> all() {
        return all;
    }

    /**
     * DescribeInstanceTypes: the named types (all when none are named) that pass every filter, by family then size.
     *
     * @param instanceTypes names to restrict to; null or empty for all
     * @param filters       filters to apply; null or empty for none
     * @throws Ec2Exception {@code InvalidParameterValue} for an unknown filter name, {@code InvalidInstanceType}
     *                      when a named type does not exist
     */
    public List<InstanceType> describe(List<String> instanceTypes, List<Filter> filters) {
        Predicate<JsonNode> matchesFilters = InstanceTypeFilters.compile(filters == null ? List.of() : filters);
        List<String> names = instanceTypes == null ? List.of() : instanceTypes;
        List<String> unknown = names.stream().filter(n -> find(n).isEmpty()).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new Ec2Exception(ErrorCode.INVALID_INSTANCE_TYPE,
                    "The following supplied instance types do not exist: [" + String.join(", ", unknown) + "]");
        }
        return all.stream()
                .filter(t -> names.isEmpty() || names.contains(t.name()))
                .filter(t -> matchesFilters.test(t.raw()))
                .toList();
    }
}
