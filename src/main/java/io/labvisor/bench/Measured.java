package io.labvisor.bench;

import java.util.ArrayList;
import java.util.List;

/** What a benchmark run produced: the figures it measured and those it could not, with why. */
public record Measured(List<Series> series, List<Missing> missing) {

    public Measured {
        series = List.copyOf(series);
        missing = List.copyOf(missing);
    }

    public static Measured of(List<Series> series) {
        return new Measured(series, List.of());
    }

    public Measured plus(Measured other) {
        List<Series> s = new ArrayList<>(series);
        s.addAll(other.series);
        List<Missing> m = new ArrayList<>(missing);
        m.addAll(other.missing);
        return new Measured(s, m);
    }
}
