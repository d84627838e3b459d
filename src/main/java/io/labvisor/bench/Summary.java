package io.labvisor.bench;

import java.util.Arrays;
import java.util.List;

/** Median, min and max of repeated measurements: what every figure in a report is made of. */
public record Summary(double median, double min, double max, int n) {

    public static Summary of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] v = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Summary(median, v[0], v[v.length - 1], v.length);
    }
}
