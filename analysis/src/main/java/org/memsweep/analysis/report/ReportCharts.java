package org.memsweep.analysis.report;

import org.memsweep.analysis.stat.Wilson;
import org.memsweep.analysis.render.TableFormatter;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import org.memsweep.analysis.table.Columns.Outcome;

/**
 * The report's charts, built with XChart from plain numbers (no Spark here) and encoded as PNG
 * data URIs so the page embeds them. Rendering needs no display: {@code java.awt.headless} is set
 * to true before AWT starts unless the caller chose otherwise.
 */
final class ReportCharts {
    private ReportCharts() {}

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Distinguishable colours for series (Tableau 10), reused cyclically. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    /** One colour per endpoint category, the same in every stacked chart. */
    private static final Map<Outcome, Color> CATEGORY_COLORS = Map.of(
            Outcome.APEX, new Color(0x8c2d04), Outcome.TRAINING, new Color(0xf16913),
            Outcome.VIRTUAL, new Color(0x2171b5), Outcome.MANIFOLD, new Color(0x41ab5d),
            Outcome.OTHER, new Color(0xbdbdbd), Outcome.DIVERGED, new Color(0x252525));

    /**
     * One series of the memorized-fraction chart: estimates with their 95 % bounds at each N, and
     * the exact prediction at the N where one exists (lists may be empty).
     */
    record MemorizedLine(String label, List<Double> n, List<Double> frac, List<Double> lo,
                                List<Double> hi, List<Double> exactN, List<Double> exact) {
        public MemorizedLine {
            n = List.copyOf(n);
            frac = List.copyOf(frac);
            lo = List.copyOf(lo);
            hi = List.copyOf(hi);
            exactN = List.copyOf(exactN);
            exact = List.copyOf(exact);
            if (frac.size() != n.size() || lo.size() != n.size() || hi.size() != n.size()
                    || exact.size() != exactN.size()) {
                throw new IllegalArgumentException("lists of unequal length for " + label);
            }
        }
    }

    /**
     * Memorized fraction against N on a log axis (when there are two or more N): markers and a
     * solid line for the estimates, Wilson error bars, the exact prediction dashed in the same colour.
     *
     * <p>The axis is log2 N on a linear scale, labelled with N at whole powers of two: XChart's own
     * log axis labels only decades, which leaves a typical 4–8–16–32 sweep with a single "10".
     */
    static XYChart memorizedVsN(String title, List<MemorizedLine> lines) {
        XYChart chart = new XYChartBuilder().width(960).height(520).title(title)
                .xAxisTitle("training-set size N (log scale)").yAxisTitle("memorized fraction (apex + training)")
                .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        boolean log = lines.stream().flatMap(l -> l.n().stream()).distinct().count() >= 2;
        UnaryOperator<List<Double>> x = log ? ReportCharts::log2 : UnaryOperator.identity();
        if (log) {
            chart.getStyler().setXAxisTickLabelsFormattingFunction(ReportCharts::powerOfTwoLabel);
        } else {
            chart.setXAxisTitle("training-set size N");
            chart.getStyler().setXAxisDecimalPattern("0");
        }
        for (int i = 0; i < lines.size(); i++) {
            MemorizedLine l = lines.get(i);
            Color c = PALETTE[i % PALETTE.length];
            XYSeries est = chart.addSeries(l.label(), x.apply(l.n()), l.frac());
            est.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(c);
            est.setLineColor(c);
            // XChart's error bars are symmetric and Wilson intervals are not: draw the bars on an
            // invisible companion series centred on the interval, half as long as it is wide.
            List<Double> mid = new ArrayList<>();
            List<Double> half = new ArrayList<>();
            for (int k = 0; k < l.n().size(); k++) {
                mid.add((l.lo().get(k) + l.hi().get(k)) / 2);
                half.add((l.hi().get(k) - l.lo().get(k)) / 2);
            }
            XYSeries bars = chart.addSeries(l.label() + " \u2009(95 % CI)", x.apply(l.n()), mid, half);
            bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            bars.setMarker(SeriesMarkers.NONE).setMarkerColor(c);
            bars.setLineColor(c);
            bars.setShowInLegend(false);
            if (!l.exactN().isEmpty()) {
                XYSeries ex = chart.addSeries(l.label() + " (exact)", x.apply(l.exactN()), l.exact());
                ex.setMarker(SeriesMarkers.NONE);
                ex.setLineColor(c);
                ex.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {6f, 4f}, 0f));
            }
        }
        return chart;
    }

    private static List<Double> log2(List<Double> n) {
        return n.stream().map(v -> Math.log(v) / Math.log(2)).toList();
    }

    /** N = 2^x for a whole exponent x (e.g. "16"), blank between them. */
    static String powerOfTwoLabel(double x) {
        double k = Math.rint(x);
        if (Math.abs(x - k) > 1e-9 || k < -30 || k > 62) {
            return "";
        }
        return k >= 0 ? Long.toString(1L << (long) k) : TableFormatter.compactNumber(Math.pow(2, k));
    }

    /** Category fractions stacked to 1 at each N (x labels in order), one colour per category. */
    static CategoryChart stackedCategories(String title, List<String> nLabels,
                                                  Map<Outcome, List<Double>> fractions) {
        return stackedCategories(title, "training-set size N", nLabels, fractions);
    }

    /** Category fractions stacked to 1 for each x label (e.g. one bar per flow and denoiser). */
    static CategoryChart stackedCategories(String title, String xTitle, List<String> labels,
                                           Map<Outcome, List<Double>> fractions) {
        return stackedCategories(title, xTitle, labels, fractions, 530);
    }

    /** As {@link #stackedCategories(String, String, List, Map)}, {@code width} pixels wide (long labels). */
    static CategoryChart stackedCategories(String title, String xTitle, List<String> labels,
                                           Map<Outcome, List<Double>> fractions, int width) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(340).title(title)
                .xAxisTitle(xTitle).yAxisTitle("fraction of trajectories").build();
        style(chart.getStyler());
        chart.getStyler().setStacked(true);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        chart.getStyler().setAvailableSpaceFill(0.7);
        for (Outcome o : Outcome.categories()) {
            List<Double> y = fractions.get(o);
            if (y != null) {
                chart.addSeries(o.name(), labels, y).setFillColor(CATEGORY_COLORS.get(o));
            }
        }
        return chart;
    }

    /** Grouped bars of fractions (y from 0 to 1): one group per x label, one series per map entry. */
    static CategoryChart groupedBars(String title, String xTitle, String yTitle, List<String> x,
                                            Map<String, List<Double>> series) {
        CategoryChart chart = new CategoryChartBuilder().width(960).height(420).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        int i = 0;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            chart.addSeries(e.getKey(), x, e.getValue()).setFillColor(PALETTE[i++ % PALETTE.length]);
        }
        return chart;
    }

    /**
     * Histograms drawn as frequency polygons (lines through the bin centres), which stay readable
     * when three distributions overlap; {@code markAt} draws a vertical reference line.
     */
    static XYChart frequencyPolygons(String title, String xTitle, List<Double> binCenters,
                                            Map<String, List<Double>> series, OptionalDouble markAt) {
        XYChart chart = new XYChartBuilder().width(960).height(420).title(title)
                .xAxisTitle(xTitle).yAxisTitle("fraction of trajectories per bin").build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.0##");
        chart.getStyler().setXAxisDecimalPattern("0.0##");
        int i = 0;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            Color c = PALETTE[i++ % PALETTE.length];
            XYSeries s = chart.addSeries(e.getKey(), binCenters, e.getValue());
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(c);
            s.setLineColor(c);
        }
        if (markAt.isPresent()) {
            chart.addAnnotation(new AnnotationLine(markAt.getAsDouble(), true, false));
        }
        return chart;
    }

    /**
     * The largest training residual of each network against its noise level σ, log–log, one series
     * of points per label (e.g. per training set and settings); {@code tolerance}, when given, is
     * drawn as a horizontal line.
     */
    static XYChart residualVsSigma(String title, Map<String, List<double[]>> points, OptionalDouble tolerance) {
        XYChart chart = new XYChartBuilder().width(960).height(420).title(title)
                .xAxisTitle("noise level σ").yAxisTitle("largest residual").build();
        style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        int i = 0;
        double lo = Double.POSITIVE_INFINITY, hi = 0; // the σ range drawn
        for (Map.Entry<String, List<double[]>> e : points.entrySet()) {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (double[] p : e.getValue()) {
                // Log axes cannot show 0 or a non-finite value.
                if (p[0] > 0 && p[1] > 0 && Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                    x.add(p[0]);
                    y.add(p[1]);
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            for (double v : x) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            Color c = PALETTE[i++ % PALETTE.length];
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(c);
            s.setLineColor(c);
        }
        // The tolerance as a dashed series across the σ range drawn (an annotation line is misplaced on a log axis),
        // which also keeps it inside the y range however far above it the residuals lie.
        if (tolerance.isPresent() && tolerance.getAsDouble() > 0 && hi > 0) {
            XYSeries t = chart.addSeries("tolerance", List.of(lo, hi), List.of(tolerance.getAsDouble(), tolerance.getAsDouble()));
            t.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
            t.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return chart;
    }

    /** The chart as PNG bytes. */
    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "'", e);
        }
    }

    /** The chart as a {@code data:image/png;base64,…} URI for an {@code <img src>}. */
    static String dataUri(Chart<?, ?> chart) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(chart));
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xcccccc));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setMarkerSize(7);
        s.setAntiAlias(true);
    }
}
