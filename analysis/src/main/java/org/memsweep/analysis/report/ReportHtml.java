package org.memsweep.analysis.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.knowm.xchart.internal.chartpart.Chart;

import org.memsweep.analysis.render.TableFormatter;
import org.memsweep.analysis.render.VerdictText;
import org.memsweep.analysis.table.Columns.Outcome;
import org.memsweep.analysis.verdict.Verdict;

/**
 * Renders {@link ReportData} as the report page: ONE self-contained HTML text (charts embedded as
 * base64 PNG, CSS inline from {@code report.css}, no scripts, no fonts or links to fetch).
 *
 * <p>From the top: bug signals (estimates more than 4 SE from an exact prediction) in red; the
 * verdict table; non-converged counts per cell; memorized fraction against N for every series with
 * 95 % Wilson bars and the exact prediction (where it applies: cells whose trajectories all
 * converged); stacked category fractions per series; virtual-point orders and the {@code nn_ratio}
 * and {@code linf_nearest} distributions at the smallest, median and largest N; then, each only when
 * its table exists, the paper's experiments (virtual points, score flow against probability flow:
 * science.md §7) and the denoiser bank (§3.4); run metadata. A root without a sweep (only
 * experiments or a bank) gets one sentence in place of the sweep's sections, saying how to add them.
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
        if (d.sweep().isPresent()) {
            ReportData.Sweep s = d.sweep().get();
            bugSignals(b, s.verdict(), s.anyExactColumn());
            verdictSection(b, s.verdict());
            convergenceSection(b, s.convergence());
            memorizedSection(b, s.memorized());
            categorySection(b, s.categories(), s.seriesCount());
            trajectorySection(b, s.endpoints());
        } else {
            noSweep(b, d.outRoot());
        }
        virtualPointsSection(b, d.experiments().virtualPoints());
        flowsSection(b, d.experiments().flows());
        bankSection(b, d.experiments().bank());
        // Without a sweep, no runs table is the normal case: the experiments and the bank keep their run ids in their own rows.
        if (d.sweep().isPresent() || d.runs().isPresent()) {
            runsSection(b, d.runs());
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" + ReportWriter.GENERATOR + "\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>memsweep report</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n" + b
                + "</body>\n</html>\n";
    }

    // ---------------------------------------------------------------- sections

    private static void header(StringBuilder b, ReportData d) {
        b.append("<h1>memsweep report</h1>\n<p class=\"meta\">Output root <code>").append(esc(d.outRoot())).append("</code> &middot; ");
        d.sweep().ifPresent(s -> b.append(s.cellCount()).append(" cells in ").append(s.seriesCount()).append(" series &middot; ")
                .append(s.trajectoryCount()).append(" trajectories &middot; "));
        b.append("written ").append(esc(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))).append("</p>\n");
    }

    /** In place of the sweep's sections: why they are absent and how to add them. */
    private static void noSweep(StringBuilder b, String outRoot) {
        b.append("<p class=\"note no-sweep\">No sweep in this output root (no <code>cells</code> table), so no verdict, "
                + "convergence, memorized-fraction or endpoint sections; <code>memsweep sweep --out ").append(esc(outRoot))
                .append("</code> (with any --spec or --preset) adds them beside what is here.</p>\n");
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

    /** {@code experiment virtual-points}: every run's rows, and the newest run's fractions beside the paper's. */
    private static void virtualPointsSection(StringBuilder b, List<ExperimentData.VirtualPointsRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        b.append("<h2>Experiment: are virtual points stable?</h2>\n<p class=\"how\">How to read this: fixed-point "
                + "iteration y &larr; h(y) from every sum of k edges of orthogonal data (d = 30, apex + 30 edges); a start is "
                + "stable when it ends within L&infin; 0.2 of where it began. The paper reports 98.6&nbsp;% (pairs), 83.5&nbsp;% "
                + "(triplets) and 25.4&nbsp;% (quadruplets) for its trained network; the closed form keeps them all. The chart "
                + "shows the newest run.</p>\n");
        List<ExperimentData.VirtualPointsRow> newest = ExperimentData.newest(rows, ExperimentData.VirtualPointsRow::runId);
        List<String> ks = new ArrayList<>(new java.util.TreeSet<>(newest.stream().map(r -> "k = " + r.k()).toList()));
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (ExperimentData.VirtualPointsRow r : newest) {
            series.computeIfAbsent(r.denoiser(), x -> new ArrayList<>(Collections.nCopies(ks.size(), 0.0)))
                    .set(ks.indexOf("k = " + r.k()), r.fraction());
            series.computeIfAbsent("paper", x -> new ArrayList<>(Collections.nCopies(ks.size(), 0.0)))
                    .set(ks.indexOf("k = " + r.k()), r.paperFraction());
        }
        image(b, ReportCharts.groupedBars("Stable virtual points", "edges summed k", "fraction stable", ks, series),
                "stable virtual points");
        List<List<String>> cells = new ArrayList<>();
        for (ExperimentData.VirtualPointsRow r : rows) {
            cells.add(List.of(esc(r.runId()), esc(r.denoiser()), Integer.toString(r.k()), r.stable() + "/" + r.total(),
                    pct(r.fraction()), pct(r.lo()) + " &ndash; " + pct(r.hi()), pct(r.paperFraction()),
                    TableFormatter.compactNumber(r.sigma()),
                    r.denoiser().equals("trained") ? TableFormatter.compactNumber(r.trainResidual()) + (r.trainMet() ? "" : " (missed)") : "&ndash;"));
        }
        table(b, "virtual-points", List.of("run", "denoiser", "k", "stable/total", "fraction", "95% interval", "paper", "σ",
                "training residual"), cells, Collections.nCopies(cells.size(), "vp-row"));
    }

    /** {@code experiment flows}: the endpoint mix of each flow and denoiser, beside the paper's statement. */
    private static void flowsSection(StringBuilder b, List<ExperimentData.FlowsRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        b.append("<h2>Experiment: score flow against probability flow</h2>\n<p class=\"how\">How to read this: the same "
                + "random starts run through the score flow (one noise level) and the probability flow, with trained min-norm "
                + "networks and with the closed form (the probability flow's reference uses the empirical MMSE above "
                + "&sigma;<sub>switch</sub>, where no closed form exists). The paper: <em>the score flow ends mostly at "
                + "virtual points; the probability flow ends more often at training points and on the hyperbox's "
                + "boundary</em>. Boundary counts the MANIFOLD endpoints on the hyperbox's boundary. The chart shows the "
                + "newest run.</p>\n");
        List<ExperimentData.FlowsRow> newest = ExperimentData.newest(rows, ExperimentData.FlowsRow::runId);
        List<String> labels = newest.stream().map(r -> r.flow() + ", " + r.denoiser()).toList();
        int width = Math.max(530, 170 * labels.size() + 160); // room for labels like "probability, closed-form"
        Map<Outcome, List<Double>> fractions = new java.util.EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.categories()) fractions.put(o, newest.stream().map(r -> r.fractions().get(o)).toList());
        image(b, ReportCharts.stackedCategories("Where the flows end", "flow, denoiser", labels, fractions, width),
                "endpoint categories of each flow");
        List<List<String>> cells = new ArrayList<>();
        for (ExperimentData.FlowsRow r : rows) {
            List<String> c = new ArrayList<>(List.of(esc(r.runId()), esc(r.flow()), esc(r.denoiser()), Integer.toString(r.starts())));
            for (Outcome o : Outcome.categories()) c.add(TableFormatter.compactNumber(r.fractions().get(o)));
            c.add(TableFormatter.compactNumber(r.boundary()));
            c.add(TableFormatter.compactNumber(r.memorized()) + " [" + TableFormatter.compactNumber(r.lo()) + ", "
                    + TableFormatter.compactNumber(r.hi()) + "]");
            c.add(Long.toString(r.unconverged()));
            c.add(r.networks() == 0 ? "&ndash;" : r.networks() + ", largest residual " + TableFormatter.compactNumber(r.maxResidual())
                    + (r.allMet() ? "" : " (tolerance missed)"));
            cells.add(c);
        }
        List<String> header = new ArrayList<>(List.of("run", "flow", "denoiser", "starts"));
        for (Outcome o : Outcome.categories()) header.add(o.name().toLowerCase(Locale.ROOT));
        header.addAll(List.of("boundary", "memorized [95%]", "not converged", "networks"));
        table(b, "flows", header, cells, Collections.nCopies(cells.size(), "flows-row"));
    }

    /** The denoiser bank: every network's training record, and its residual against σ. */
    private static void bankSection(StringBuilder b, List<ExperimentData.BankRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        long met = rows.stream().filter(ExperimentData.BankRow::met).count();
        b.append("<h2>Denoiser bank</h2>\n<p class=\"how\">How to read this: one trained min-norm network per training "
                + "set, training settings and noise level &sigma; (chains warm-start each level from the one above). A network "
                + "meets its tolerance when its largest residual on the training samples falls below it; above &sigma; "
                + "&asymp; 0.3 a network of this size cannot interpolate its samples, and its residual says how far it is "
                + "from doing so.</p>\n<p>").append(rows.size()).append(rows.size() == 1 ? " network, " : " networks, ").append(met)
                .append(" met their tolerance.</p>\n");
        Map<String, Integer> sets = new LinkedHashMap<>();
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        java.util.Set<String> tolerances = new java.util.TreeSet<>();
        for (ExperimentData.BankRow r : rows) {
            String key = r.trainingSet() + " | " + r.settings();
            int i = sets.computeIfAbsent(key, k -> sets.size() + 1);
            // One line per warm-start chain: networks of different chains are not neighbours.
            points.computeIfAbsent("set " + i + ", " + chainText(r.chain()), k -> new ArrayList<>()).add(new double[] {r.sigma(), r.residual()});
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|;)tolerance=([^;]+)").matcher(r.settings());
            tolerances.add(m.find() ? m.group(1) : "?");
        }
        java.util.OptionalDouble tol = java.util.OptionalDouble.empty();
        if (tolerances.size() == 1 && !tolerances.contains("?")) {
            try {
                tol = java.util.OptionalDouble.of(Double.parseDouble(tolerances.iterator().next()));
            } catch (NumberFormatException e) {
                // no line then: the settings text is the bank's, not ours to judge here
            }
        }
        image(b, ReportCharts.residualVsSigma("Largest training residual against σ", points, tol), "residual against sigma");
        List<List<String>> cells = new ArrayList<>();
        for (ExperimentData.BankRow r : rows) {
            cells.add(List.of("set " + sets.get(r.trainingSet() + " | " + r.settings()), esc(chainText(r.chain())), TableFormatter.compactNumber(r.sigma()),
                    TableFormatter.compactNumber(r.cost()), TableFormatter.compactNumber(r.residual()), Long.toString(r.steps()),
                    String.format(Locale.ROOT, "%.1f", r.seconds()), r.met() ? "met" : "missed"));
        }
        table(b, "bank", List.of("set", "chain", "σ", "cost", "largest residual", "Adam steps", "seconds", "tolerance"), cells,
                rows.stream().map(r -> r.met() ? "bank-row" : "bank-row missed").toList());
        for (Map.Entry<String, Integer> e : sets.entrySet()) {
            b.append("<details><summary>set ").append(e.getValue()).append("</summary><pre>").append(esc(e.getKey()))
                    .append("</pre></details>\n");
        }
    }

    /** A chain's levels in short: "σ 2 → 0.0895 (9 levels)" or "σ 0.0456 (1 level)". */
    static String chainText(List<Double> chain) {
        if (chain.isEmpty()) {
            return "no chain";
        }
        String first = TableFormatter.compactNumber(chain.get(0)), last = TableFormatter.compactNumber(chain.get(chain.size() - 1));
        return chain.size() == 1 ? "σ " + first + " (1 level)" : "σ " + first + " \u2192 " + last + " (" + chain.size() + " levels)";
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.1f&nbsp;%%", 100 * x);
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
