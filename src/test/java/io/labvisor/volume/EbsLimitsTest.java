package io.labvisor.volume;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EbsLimitsTest {
    private static final Optional<Integer> NONE = Optional.empty();

    private static VolumePerformance resolve(String type, int size, Optional<Integer> iops, Optional<Integer> tput) {
        return EbsLimits.resolve(VolumeType.parse(type), size, iops, tput);
    }

    @Test
    void gp3DefaultsToTheIncludedBaseline() {
        assertEquals(VolumePerformance.steady(3_000, 125), resolve("gp3", 1, NONE, NONE));
    }

    @Test
    void gp3TakesIopsAndThroughputWithinRangeAndRatios() {
        assertEquals(VolumePerformance.steady(16_000, 1_000), resolve("gp3", 32, Optional.of(16_000),
                Optional.of(1_000)));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("gp3", 100, Optional.of(2_999), NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("gp3", 100, Optional.of(16_001), NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("gp3", 8, Optional.of(4_001), NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("gp3", 100, NONE, Optional.of(124)));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("gp3", 100, NONE, Optional.of(1_001)));
        // 0.25 MiB/s per IOPS: 3000 IOPS allow 750 MiB/s, not 751
        assertEquals(750, resolve("gp3", 100, NONE, Optional.of(750)).throughputMiBps());
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("gp3", 100, NONE, Optional.of(751)));
    }

    @Test
    void gp2ScalesWithSizeAndBurstsTo3000() {
        assertEquals(new VolumePerformance(100, 250, 3_000, 250), resolve("gp2", 1, NONE, NONE));
        assertEquals(new VolumePerformance(300, 250, 3_000, 250), resolve("gp2", 100, NONE, NONE));
        assertEquals(new VolumePerformance(3_072, 250, 3_072, 250), resolve("gp2", 1024, NONE, NONE));
        assertEquals(16_000, resolve("gp2", 16_384, NONE, NONE).iops());
        assertCode(ErrorCode.INVALID_PARAMETER_COMBINATION, () -> resolve("gp2", 10, Optional.of(300), NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_COMBINATION, () -> resolve("gp2", 10, NONE, Optional.of(200)));
    }

    @Test
    void provisionedIopsTypesNeedIopsWithinTheirRatio() {
        assertCode(ErrorCode.MISSING_PARAMETER, () -> resolve("io1", 10, NONE, NONE));
        assertEquals(VolumePerformance.steady(500, 125), resolve("io1", 10, Optional.of(500), NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("io1", 10, Optional.of(501), NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("io1", 2_000, Optional.of(64_001), NONE));
        assertEquals(1_000, resolve("io1", 2_000, Optional.of(64_000), NONE).throughputMiBps());
        assertEquals(5_000, resolve("io2", 10, Optional.of(5_000), NONE).iops());
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("io2", 10, Optional.of(5_001), NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("io1", 3, Optional.of(100), NONE));
    }

    @Test
    void hddTypesStartAt125GibAndScaleThroughputPerTib() {
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("st1", 124, NONE, NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("sc1", 100, NONE, NONE));
        assertEquals(new VolumePerformance(500, 40, 500, 250), resolve("st1", 1024, NONE, NONE));
        assertEquals(new VolumePerformance(500, 500, 500, 500), resolve("st1", 16_384, NONE, NONE));
        assertEquals(new VolumePerformance(250, 12, 250, 80), resolve("sc1", 1024, NONE, NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_COMBINATION, () -> resolve("st1", 500, Optional.of(500), NONE));
    }

    @Test
    void sizesOutsideEachTypesRangeAreRefused() {
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("gp3", 0, NONE, NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("gp2", 16_385, NONE, NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> resolve("io2", 65_537, Optional.of(100), NONE));
        assertCode(ErrorCode.INVALID_PARAMETER_VALUE, () -> VolumeType.parse("standard-ish"));
    }

    private static void assertCode(ErrorCode code, Executable call) {
        assertEquals(code, assertThrows(Ec2Exception.class, call).code());
    }
}
