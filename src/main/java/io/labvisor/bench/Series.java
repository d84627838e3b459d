package io.labvisor.bench;

import java.util.List;

/**
 * One measured quantity under one condition, e.g. "launch to boot marker" for "labvisor sequential".
 *
 * @param group   what the figure compares (a chart), e.g. "launch"
 * @param name    the condition, e.g. "labvisor sequential" or "nitro"
 * @param metric  what is measured, e.g. "run-to-marker"
 * @param x       optional x value for series that grow with something (instances running); NaN otherwise
 * @param command the exact command that measures this figure again (empty when not known yet)
 */
public record Series(String group, String name, String metric, String unit, double x, List<Double> samples,
                     String command) {

    public Series {
        samples = List.copyOf(samples);
        command = command == null ? "" : command;
    }

    public Series(String group, String name, String metric, String unit, double x, List<Double> samples) {
        this(group, name, metric, unit, x, samples, "");
    }

    public static Series of(String group, String name, String metric, String unit, List<Double> samples) {
        return new Series(group, name, metric, unit, Double.NaN, samples);
    }

    public Series withCommand(String reproduce) {
        return new Series(group, name, metric, unit, x, samples, reproduce);
    }

    public Summary summary() {
        return Summary.of(samples);
    }
}
