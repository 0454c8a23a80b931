package org.memsweep.analysis.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.knowm.xchart.internal.chartpart.Chart;

import org.memsweep.analysis.render.TableFormatter;
import org.memsweep.analysis.render.VerdictText;
import org.memsweep.analysis.verdict.Verdict;

/**
 * Renders {@link ReportData} as the report page: ONE self-contained HTML text (charts embedded as
 * base64 PNG, CSS inline from {@code report.css}, no scripts, no fonts or links to fetch).
 *
 * <p>From the top: bug signals (estimates more than 4 SE from an exact prediction) in red; the
 * verdict table; non-converged counts per cell; memorized fraction against N for every series with
 * 95 % Wilson bars and the exact prediction (where it applies: cells whose trajectories all
 * converged); stacked category fractions per series; virtual-point orders and the {@code nn_ratio}
 * and {@code linf_nearest} distributions at the smallest, median and largest N; run metadata.
 * Reads no table: every number comes from the data.
 */
final class ReportHtml {
    private ReportHtml() {}

    /** Series drawn on one memorized-fraction chart before starting another (legibility). */
    static final int SERIES_PER_CHART = 6;

    private static final String CSS = resource("report.css");

    /** The whole page. */
    static String page(ReportData d) {
        StringBuilder b = new StringBuilder();
        header(b, d);
        bugSignals(b, d.verdict(), d.anyExactColumn());
        verdictSection(b, d.verdict());
        convergenceSection(b, d.convergence());
        memorizedSection(b, d.memorized());
        categorySection(b, d.categories(), d.seriesCount());
        trajectorySection(b, d.endpoints());
        runsSection(b, d.runs());
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" + ReportWriter.GENERATOR + "\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>memsweep report</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n" + b
                + "</body>\n</html>\n";
    }

    // ---------------------------------------------------------------- sections

    private static void header(StringBuilder b, ReportData d) {
        b.append("<h1>memsweep report</h1>\n<p class=\"meta\">Output root <code>").append(esc(d.outRoot()))
                .append("</code> &middot; ").append(d.cellCount()).append(" cells in ").append(d.seriesCount())
                .append(" series &middot; ").append(d.trajectoryCount()).append(" trajectories &middot; written ")
                .append(esc(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))).append("</p>\n");
    }

    private static void bugSignals(StringBuilder b, Verdict verdict, boolean anyExact) {
        String uncompared = verdict.uncomparedCells() == 0 ? ""
                : "<p class=\"note\">" + esc(VerdictText.uncomparedNote(verdict)) + "</p>\n";
        if (verdict.bugSignals().isEmpty()) {
            b.append("<p class=\"ok\">No bug signals: ").append(anyExact
                    ? "every compared estimate lies within 4 standard errors of its exact prediction."
                    : "this table has no exact predictions to compare with.").append("</p>\n").append(uncompared);
            return;
        }
        b.append("<div class=\"bug-signals\">\n<h2>Bug signals: ").append(verdict.bugSignals().size())
                .append(verdict.bugSignals().size() == 1 ? " estimate contradicts" : " estimates contradict")
                .append(" the exact prediction</h2>\n")
                .append("<p>Each row is a cell whose Monte Carlo fraction lies more than 4 standard errors "
                        + "(SE = &radic;(p(1&minus;p)/seeds), p the exact value) from the exact prediction. "
                        + "A correct engine does this about once in 16&nbsp;000 comparisons: suspect the engine, "
                        + "the endpoint classifier or the exact formula.</p>\n");
        List<List<String>> rows = new ArrayList<>();
        for (Verdict.BugSignal s : verdict.bugSignals()) {
            rows.add(List.of(esc(String.valueOf(s.cellId())), esc(s.description()), esc(s.outcome().fracColumn()),
                    Long.toString(s.seeds()), TableFormatter.compactNumber(s.estimate()),
                    TableFormatter.compactNumber(s.exact()), Double.isInfinite(s.standardErrors()) ? "&infin;"
                            : String.format(Locale.ROOT, "%.1f", s.standardErrors())));
        }
        table(b, "bugs", List.of("cell", "parameters", "outcome", "seeds", "estimate", "exact", "SE away"), rows,
                Collections.nCopies(rows.size(), "bug-row"));
        b.append(uncompared).append("</div>\n");
    }

    /** Non-converged trajectories per cell: where they occur, the exact prediction is not compared. */
    private static void convergenceSection(StringBuilder b, ReportData.Convergence c) {
        b.append("<h2>Convergence</h2>\n<p class=\"how\">Trajectories whose flow stopped before converging "
                + "(<code>n_unconverged</code>). The exact predictions assume convergence, so a cell with any is "
                + "not compared with its prediction and raises no bug signal.</p>\n");
        if (!c.known()) {
            b.append("<p class=\"note\">This cells table has no <code>n_unconverged</code> column (written before "
                    + "it existed): convergence unknown.</p>\n");
            return;
        }
        if (c.cells().isEmpty()) {
            b.append("<p class=\"ok\">Every trajectory converged.</p>\n");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ReportData.Unconverged u : c.cells()) {
            rows.add(List.of(esc(u.series()), Long.toString(u.n()), Long.toString(u.seeds()),
                    Long.toString(u.count()), TableFormatter.compactNumber(u.fraction())));
        }
        b.append("<p>").append(c.total()).append(" trajectories in ").append(rows.size())
                .append(rows.size() == 1 ? " cell" : " cells").append(" did not converge:</p>\n");
        table(b, "convergence", List.of("series", "n", "seeds", "not converged", "fraction"), rows,
                Collections.nCopies(rows.size(), "unconverged-row"));
    }

    private static void verdictSection(StringBuilder b, Verdict verdict) {
        b.append("<h2>Verdict: does memorization fall as N grows?</h2>\n")
                .append("<p class=\"how\">How to read this: a <em>series</em> is a set of cells that differ only "
                        + "in the training-set size N; the first column lists the parameters that differ between "
                        + "series. For each series with two or more N, a one-sided Cochran&ndash;Armitage test "
                        + "(log-N scores) asks whether the memorized fraction (endpoints at the apex or a "
                        + "training point) falls with N. <b>supported</b>: it falls, p(falling) &lt; 0.01; "
                        + "<b>contradicted</b>: it rises, p(rising) &lt; 0.01; otherwise <b>inconclusive</b> "
                        + "(too few trajectories, a flat trend, or every trajectory in one outcome). "
                        + "Z &lt; 0 means falling.</p>\n");
        if (verdict.series().isEmpty()) {
            b.append("<p>No series has two or more distinct N: nothing to test.</p>\n");
        } else {
            List<List<String>> text = VerdictText.tableRows(verdict);
            List<List<String>> rows = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            for (int i = 0; i < text.size(); i++) {
                rows.add(text.get(i).stream().map(ReportHtml::esc).toList());
                classes.add("verdict-row " + verdict.series().get(i).call().label());
            }
            table(b, "verdict", VerdictText.tableHeader(), rows, classes);
        }
        if (verdict.untestedSeries() > 0) {
            b.append("<p class=\"note\">").append(verdict.untestedSeries())
                    .append(" series with a single N not tested.</p>\n");
        }
    }

    private static void memorizedSection(StringBuilder b, List<ReportCharts.MemorizedLine> lines) {
        b.append("<h2>Memorized fraction against N</h2>\n")
                .append("<p class=\"how\">How to read this: one colour per series. Dots are the Monte Carlo "
                        + "fraction of trajectories ending at the apex or at a training point; vertical bars are "
                        + "95&nbsp;% Wilson intervals; a dashed line in the same colour is the exact prediction "
                        + "where one exists. A dot far from its dashed line is a bug signal. The paper predicts "
                        + "the dots fall as N grows (N on a log axis).</p>\n");
        int charts = (lines.size() + SERIES_PER_CHART - 1) / SERIES_PER_CHART;
        for (int c = 0; c < charts; c++) {
            List<ReportCharts.MemorizedLine> chunk =
                    lines.subList(c * SERIES_PER_CHART, Math.min(lines.size(), (c + 1) * SERIES_PER_CHART));
            String title = "Memorized fraction vs N" + (charts > 1 ? " (" + (c + 1) + " of " + charts + ")" : "");
            image(b, ReportCharts.memorizedVsN(title, chunk), title);
        }
        if (lines.isEmpty()) {
            b.append("<p>No cells with trajectories.</p>\n");
        }
    }

    private static void categorySection(StringBuilder b, List<ReportData.CategoryBars> bars, int seriesCount) {
        b.append("<h2>Where the trajectories end, by category</h2>\n")
                .append("<p class=\"how\">How to read this: one chart per series; each bar is one N and is split "
                        + "into the fractions of endpoints at the apex, at a training point, at a virtual point "
                        + "(a sum of two or more edges), on the hyperbox manifold, elsewhere (other), or diverged. "
                        + "The paper expects apex and training to shrink and virtual and manifold to grow with N."
                        + "</p>\n<div class=\"grid\">\n");
        for (ReportData.CategoryBars s : bars) {
            image(b, ReportCharts.stackedCategories(s.description(), s.nLabels(), s.fractions()),
                    "category fractions for " + s.description());
        }
        b.append("</div>\n");
        if (seriesCount > ReportData.MAX_STACKED_CHARTS) {
            b.append("<p class=\"note\">Showing the first ").append(ReportData.MAX_STACKED_CHARTS).append(" of ")
                    .append(seriesCount).append(" series; query the <code>cells</code> table for the rest.</p>\n");
        }
    }

    private static void trajectorySection(StringBuilder b, Optional<ReportData.Endpoints> endpoints) {
        b.append("<h2>Trajectory endpoints at the smallest, median and largest N</h2>\n");
        if (endpoints.isEmpty()) {
            b.append("<p>No trajectories table under this output root.</p>\n");
            return;
        }
        ReportData.Endpoints e = endpoints.get();
        b.append("<p class=\"how\">How to read this: each distribution pools every series at that N, shown for N = ")
                .append(esc(e.ns().toString().replaceAll("[\\[\\]]", ""))).append(
                        ". Values are fractions within one N, so N with different numbers of trajectories compare "
                        + "directly.</p>\n");

        b.append("<h3>Order k of the virtual points reached</h3>\n<p class=\"how\">Among endpoints classified "
                + "VIRTUAL, the fraction at a sum of k edges. The paper finds pairs (k = 2) stable and higher "
                + "orders increasingly unstable, so mass should sit at small k.</p>\n");
        if (e.orderKs().isEmpty()) {
            b.append("<p>No VIRTUAL endpoints at these N.</p>\n");
        } else {
            image(b, ReportCharts.groupedBars("Virtual-point order k", "order k (number of edges summed)",
                    "fraction of VIRTUAL endpoints", e.orderKs(), e.orders()), "virtual-point orders");
        }

        b.append("<h3>Nearest-neighbour ratio d1/d2</h3>\n<p class=\"how\">d1 and d2 are the distances from "
                + "the endpoint to its nearest and second-nearest training points. Left of the vertical line "
                + "(1/3) the endpoint counts as memorized by the rule of Gu et al.; a generalizing model moves "
                + "mass to the right as N grows. Diverged endpoints are left out.</p>\n");
        histogram(b, e.nnRatio(), "nn_ratio = d1 / d2");

        b.append("<h3>L&infin; distance to the nearest training point</h3>\n<p class=\"how\">Near 0: the "
                + "endpoint reproduces a training point. The vertical line is the classification tolerance "
                + "&tau; (when one &tau; is used throughout). The last bin also holds everything beyond the "
                + "99th percentile.</p>\n");
        if (e.linf().isEmpty()) {
            b.append("<p>No finite non-zero distances at these N.</p>\n");
        } else {
            histogram(b, e.linf().get(), "linf_nearest (L\u221e distance)");
        }
    }

    private static void histogram(StringBuilder b, ReportData.Histogram h, String xTitle) {
        if (h.byN().isEmpty()) {
            b.append("<p>No finite values of <code>").append(h.column()).append("</code> at these N.</p>\n");
            return;
        }
        image(b, ReportCharts.frequencyPolygons("Distribution of " + h.column(), xTitle, h.centers(), h.byN(), h.mark()),
                "distribution of " + h.column());
    }

    private static void runsSection(StringBuilder b, Optional<ReportData.Runs> runs) {
        b.append("<h2>Runs</h2>\n<p class=\"how\">Every sweep run that wrote into this output root: a resumed "
                + "spec adds a run that skips the cells already complete. The spec is the exact input; rerunning "
                + "it with the same code version reproduces every row bit for bit.</p>\n");
        if (runs.isEmpty()) {
            b.append("<p>No runs table under this output root.</p>\n");
            return;
        }
        ReportData.Runs r = runs.get();
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            cells.add(row.stream().map(v -> esc(TableFormatter.tableText(v))).toList());
        }
        table(b, "runs", r.columns(), cells, Collections.nCopies(cells.size(), "run-row"));
        for (ReportData.RunSpec s : r.specs()) {
            b.append("<details><summary>spec of run <code>").append(esc(s.runId()))
                    .append("</code></summary><pre>").append(esc(s.spec())).append("</pre></details>\n");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void image(StringBuilder b, Chart<?, ?> chart, String alt) {
        b.append("<figure><img alt=\"").append(esc(alt)).append("\" width=\"").append(chart.getWidth())
                .append("\" height=\"").append(chart.getHeight()).append("\" src=\"")
                .append(ReportCharts.dataUri(chart)).append("\"></figure>\n");
    }

    /** A table whose body cells are already HTML (escaped by the caller); one CSS class per row. */
    private static void table(StringBuilder b, String tableClass, List<String> header, List<List<String>> rows,
                              List<String> rowClasses) {
        // Wide tables (many runs columns, long series names) scroll inside their box, not the page.
        b.append("<div class=\"table-wrap\"><table class=\"").append(tableClass).append("\">\n<thead><tr>");
        for (String h : header) {
            b.append("<th>").append(esc(h)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < rows.size(); i++) {
            b.append("<tr class=\"").append(rowClasses.get(i)).append("\">");
            for (String c : rows.get(i)) {
                b.append("<td>").append(c).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }

    /** Text made safe for HTML element content and attribute values. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A text file beside this class in the jar. */
    private static String resource(String name) {
        try (InputStream in = ReportHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the memsweep jar (a packaging bug)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
