package io.labvisor.catalog;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceTypeOrderTest {

    @Test
    void sizesRankFromNanoToMetal() {
        List<String> ordered = List.of("nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge",
                "9xlarge", "10xlarge", "12xlarge", "16xlarge", "18xlarge", "24xlarge", "metal");
        for (int i = 1; i < ordered.size(); i++) {
            assertTrue(InstanceTypeOrder.sizeRank(ordered.get(i - 1)) < InstanceTypeOrder.sizeRank(ordered.get(i)),
                    ordered.get(i - 1) + " < " + ordered.get(i));
        }
    }

    @Test
    void unknownSizesAreRejected() {
        for (String size : List.of("huge", "xlargex", "0xlarge", "-2xlarge", "")) {
            assertThrows(IllegalArgumentException.class, () -> InstanceTypeOrder.sizeRank(size), size);
        }
    }
}
