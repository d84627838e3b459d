package io.labvisor.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PNG charts: a bar per condition with its min–max as error bars for comparisons, a line for series that grow
 * with an x value (instances running). Headless: no display needed.
 */
final class Charts {
    private Charts() {
    }

    static List<String> write(BenchReport r, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, List<Series>> g : ReportWriter.byGroup(r.series()).entrySet()) {
            String file = g.getKey().replaceAll("[^a-z0-9-]", "-") + ".png";
            List<Series> series = g.getValue();
            boolean growth = series.stream().noneMatch(s -> Double.isNaN(s.x()));
            if (growth) {
                BitmapEncoder.saveBitmap(line(g.getKey(), series), dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
            } else {
                BitmapEncoder.saveBitmap(bars(g.getKey(), series), dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
            }
            files.add(file);
        }
        return files;
    }

    /** Bars this far apart (the host limit beside TCG guests) would leave the small ones unreadable on a linear axis. */
    static final double LOG_SCALE_SPREAD = 20;

    static boolean logScale(List<Series> series) {
        List<Double> medians = series.stream().map(s -> s.summary().median()).toList();
        double min = medians.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = medians.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min > 0 && max / min > LOG_SCALE_SPREAD;
    }

    private static CategoryChart bars(String title, List<Series> series) {
        String unit = series.get(0).unit();
        boolean log = logScale(series);
        CategoryChart c = new CategoryChartBuilder().width(900).height(480)
                .title(title + (log ? " (median, log scale; min–max in report.md)" : " (median, min–max)"))
                .yAxisTitle(series.get(0).metric() + " [" + unit + "]").build();
        c.getStyler().setYAxisLogarithmic(log);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setChartTitleBoxVisible(false);
        c.getStyler().setErrorBarsColor(java.awt.Color.BLACK);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setDecimalPattern("#,##0");
        c.getStyler().setXAxisLabelRotation(10);
        List<String> names = series.stream().map(Series::name).toList();
        List<Double> medians = series.stream().map(s -> s.summary().median()).toList();
        // XChart error bars are symmetric: use the larger distance to min or max, and say so in the axis title
        List<Double> errors = series.stream().map(s -> Math.max(s.summary().median() - s.summary().min(),
                s.summary().max() - s.summary().median())).toList();
        if (log) {
            // XChart draws error bars wrongly on a log axis: medians only (min-max are in report.md), and the bars
            // grow from a power of ten below the smallest one, not from zero
            c.addSeries(title, names, medians);
            double lowest = medians.stream().mapToDouble(Double::doubleValue).min().orElse(1);
            c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lowest))));
        } else {
            c.addSeries(title, names, medians, errors);
        }
        return c;
    }

    private static XYChart line(String title, List<Series> series) {
        XYChart c = new XYChartBuilder().width(900).height(480).title(title)
                .xAxisTitle("instances already running").yAxisTitle(series.get(0).metric() + " [" + series.get(0).unit() + "]")
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        Map<String, List<Series>> byName = new java.util.LinkedHashMap<>();
        series.forEach(s -> byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s));
        byName.forEach((name, points) -> c.addSeries(name,
                points.stream().map(Series::x).toList(),
                points.stream().map(p -> p.summary().median()).toList()));
        return c;
    }
}
