package org.memsweep.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

import org.memsweep.analysis.table.Columns.Outcome;

class ReportChartsTest {

    private static final ReportCharts.MemorizedLine LINE = new ReportCharts.MemorizedLine("d=16",
            List.of(4.0, 8.0, 16.0), List.of(0.75, 0.5, 0.2), List.of(0.6, 0.35, 0.1), List.of(0.86, 0.65, 0.35),
            List.of(4.0, 8.0, 16.0), List.of(0.7, 0.5, 0.25));

    private static BufferedImage decode(Chart<?, ?> chart) throws IOException {
        String uri = ReportCharts.dataUri(chart);
        assertTrue(uri.startsWith("data:image/png;base64,"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()))));
        assertEquals(chart.getWidth(), img.getWidth());
        assertEquals(chart.getHeight(), img.getHeight());
        return img;
    }

    private static int pixelsOf(BufferedImage img, int rgb) {
        int count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void memorizedChartDrawsAsymmetricWilsonBarsOnALogAxis() throws IOException {
        var chart = ReportCharts.memorizedVsN("Memorized fraction vs N", List.of(LINE));
        XYSeries bars = chart.getSeries("d=16 \u2009(95 % CI)");
        // x is log2 N, labelled with N at whole powers of two.
        assertEquals(2.0, bars.getXData()[0], 1e-12);
        assertEquals(3.0, bars.getXData()[1], 1e-12);
        assertEquals("8", chart.getStyler().getXAxisTickLabelsFormattingFunction().apply(bars.getXData()[1]));
        // Centred on the interval, half as long as it is wide: 0.6..0.86 → 0.73 ± 0.13.
        assertEquals(0.73, bars.getYData()[0], 1e-12);
        assertEquals(0.13, bars.getExtraValues()[0], 1e-12);
        assertEquals(false, bars.isShowInLegend());
        assertTrue(chart.getSeries("d=16 (exact)") != null);
        // The first palette colour (#1f77b4) is really painted: markers, line and bars.
        assertTrue(pixelsOf(decode(chart), 0x1f77b4) > 200);
    }

    @Test
    void singleNChartIsLinear() {
        var line = new ReportCharts.MemorizedLine("all cells", List.of(8.0), List.of(0.5), List.of(0.4),
                List.of(0.6), List.of(), List.of());
        var chart = ReportCharts.memorizedVsN("one N", List.of(line));
        assertEquals(8.0, chart.getSeries("all cells").getXData()[0], 0);
        assertEquals(null, chart.getStyler().getXAxisTickLabelsFormattingFunction());
        assertEquals(1, chart.getSeriesCollection().stream().filter(s -> s.isShowInLegend()).count());
    }

    @Test
    void stackedCategoriesUseOneColourPerCategory() throws IOException {
        Map<Outcome, List<Double>> f = new LinkedHashMap<>();
        f.put(Outcome.APEX, List.of(0.25, 0.1));
        f.put(Outcome.TRAINING, List.of(0.5, 0.2));
        f.put(Outcome.VIRTUAL, List.of(0.25, 0.7));
        var chart = ReportCharts.stackedCategories("d=16", List.of("4", "8"), f);
        assertTrue(chart.getStyler().isStacked());
        assertEquals(List.of("APEX", "TRAINING", "VIRTUAL"), chart.getSeriesCollection().stream().map(x -> x.getName()).toList());
        BufferedImage img = decode(chart);
        assertTrue(pixelsOf(img, 0x2171b5) > 500, "virtual bars are drawn"); // VIRTUAL's colour
    }

    @Test
    void barsAndPolygonsRender() throws IOException {
        Map<String, List<Double>> s = new LinkedHashMap<>();
        s.put("N=4", List.of(0.7, 0.3));
        s.put("N=16", List.of(0.4, 0.6));
        decode(ReportCharts.groupedBars("k", "order k", "fraction", List.of("2", "3"), s));
        var poly = ReportCharts.frequencyPolygons("nn", "nn_ratio", List.of(0.25, 0.75), s, OptionalDouble.of(1 / 3.0));
        assertTrue(pixelsOf(decode(poly), 0x1f77b4) > 50);
    }

    @Test
    void powerOfTwoLabels() {
        assertEquals("4", ReportCharts.powerOfTwoLabel(2.0));
        assertEquals("1024", ReportCharts.powerOfTwoLabel(Math.log(1024) / Math.log(2)));
        assertEquals("", ReportCharts.powerOfTwoLabel(2.5));
        assertEquals("1", ReportCharts.powerOfTwoLabel(0.0));
        assertEquals("0.5", ReportCharts.powerOfTwoLabel(-1.0));
    }

    @Test
    void unequalListsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ReportCharts.MemorizedLine("x", List.of(1.0),
                List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void residualChartIsLogLogAndLeavesOutWhatALogAxisCannotShow() throws IOException {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        points.put("set 1", List.of(new double[] {2.0, 1.2}, new double[] {0.1, 0.002}, new double[] {0.05, 0.0}));
        points.put("set 2", List.of(new double[] {0.5, Double.NaN}));
        var chart = ReportCharts.residualVsSigma("Largest training residual against σ", points, OptionalDouble.of(1e-3));
        assertTrue(chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic());
        XYSeries s = chart.getSeries("set 1");
        assertEquals(2, s.getXData().length, "a zero residual is left out");
        assertEquals(0.002, s.getYData()[1], 0);
        assertEquals(null, chart.getSeries("set 2"), "a series with no drawable point is left out");
        XYSeries tol = chart.getSeries("tolerance");
        assertEquals(List.of(0.1, 2.0), List.of(tol.getXData()[0], tol.getXData()[1]), "the tolerance spans the σ drawn");
        assertEquals(1e-3, tol.getYData()[0], 0);
        decode(chart);
    }

    @Test
    void stackedCategoriesTakeAnAxisTitle() throws IOException {
        var chart = ReportCharts.stackedCategories("Where the flows end", "flow, denoiser", List.of("score, trained", "probability, trained"),
                Map.of(Outcome.VIRTUAL, List.of(0.7, 0.1), Outcome.MANIFOLD, List.of(0.3, 0.9)));
        assertEquals("flow, denoiser", chart.getXAxisTitle());
        assertEquals("training-set size N", ReportCharts.stackedCategories("t", List.of("4"), Map.of(Outcome.APEX, List.of(1.0))).getXAxisTitle());
        decode(chart);
    }
}
