package io.labvisor.catalog;

import java.util.Comparator;
import java.util.Map;

/** The order EC2 users expect instance types in: by family, then by size (nano, ..., 24xlarge, metal). */
public final class InstanceTypeOrder {

    public static final Comparator<InstanceType> FAMILY_THEN_SIZE = Comparator
            .comparing(InstanceType::family)
            .thenComparingInt((InstanceType t) -> sizeRank(t.size()))
            .thenComparing(InstanceType::name);

    private static final Map<String, Integer> NAMED_SIZES =
            Map.of("nano", 0, "micro", 1, "small", 2, "medium", 3, "large", 4, "xlarge", 100);

    private InstanceTypeOrder() {
    }

    /**
     * A number that grows with the size: {@code Nxlarge} ranks as N times {@code xlarge}, and {@code metal}
     * (also {@code metal-48xl} and the like) after every virtualized size.
     *
     * @throws IllegalArgumentException for a size that is none of these
     */
    public static int sizeRank(String size) {
        Integer named = NAMED_SIZES.get(size);
        if (named != null) {
            return named;
        }
        if (size.startsWith("metal")) {
            return Integer.MAX_VALUE;
        }
        if (size.endsWith("xlarge")) {
            String multiple = size.substring(0, size.length() - "xlarge".length());
            if (multiple.matches("[1-9][0-9]{0,2}")) {
                return 100 * Integer.parseInt(multiple);
            }
        }
        throw new IllegalArgumentException("unknown instance size '" + size + "'");
    }
}
