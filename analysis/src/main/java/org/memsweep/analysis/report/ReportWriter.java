package org.memsweep.analysis.report;

import org.memsweep.analysis.stat.Wilson;
import org.memsweep.analysis.stat.TrendTest;
import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.table.SqlQuery;
import org.memsweep.analysis.verdict.Verdict;
import org.memsweep.analysis.verdict.CellSeries;
import org.memsweep.analysis.render.TableFormatter;
import org.memsweep.analysis.render.VerdictText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.knowm.xchart.internal.chartpart.Chart;

import org.memsweep.analysis.table.Columns.Outcome;

/**
 * Writes the sweep report: ONE self-contained {@code index.html} (charts embedded as base64 PNG,
 * CSS inline, no scripts, no fonts or links to fetch) that opens offline and can be mailed around.
 *
 * <p>From the top: bug signals (estimates more than 4 SE from an exact prediction) in red; the
 * verdict table; memorized fraction against N for every series with 95 % Wilson bars and the
 * exact prediction (where it applies: cells whose trajectories all converged); non-converged
 * counts per cell; stacked category fractions per series; virtual-point orders and the
 * {@code nn_ratio} and {@code linf_nearest} distributions at the smallest, median and largest N;
 * run metadata. Everything is read from the tables under the output root; the trajectory
 * distributions are aggregated by Spark, so only histogram counts reach the driver.
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** File name of the report inside the target folder. */
    public static final String INDEX = "index.html";
    /** Series drawn on one memorized-fraction chart before starting another (legibility). */
    static final int SERIES_PER_CHART = 6;
    /** Stacked-category charts drawn at most; later series are listed as omitted. */
    static final int MAX_STACKED_CHARTS = 12;
    /** Bins of the nn_ratio and linf_nearest histograms. */
    static final int BINS = 20;
    /** The nn_ratio threshold below which an endpoint counts as memorized (Gu et al.). */
    static final double NN_MEMORIZED_THRESHOLD = 1.0 / 3.0;

    /**
     * Reads the tables under {@code outRoot} and writes {@code toDir/index.html}.
     *
     * @return the path of the written {@code index.html}
     * @throws IllegalArgumentException when {@code outRoot} has no {@code cells/} table, or
     *         {@code toDir} is refused by {@link #checkDestination(Path)}
     */
    public static Path write(SparkSession spark, String outRoot, Path toDir) throws IOException {
        checkDestination(toDir);
        Dataset<Row> cellsDs = SqlQuery.read(spark, outRoot, Columns.CELLS).orElseThrow(() ->
                new IllegalArgumentException("no cells table under " + outRoot + " (has a sweep run there?)"));
        StructType schema = cellsDs.schema();
        List<Row> cells = cellsDs.collectAsList();
        List<CellSeries> series = CellSeries.of(schema, cells);
        Verdict verdict = Verdict.compute(schema, cells, TrendTest.Scores.LOG);

        StringBuilder body = new StringBuilder();
        header(body, outRoot, cells, schema, series);
        bugSignals(body, verdict, schema);
        verdictSection(body, verdict);
        convergenceSection(body, schema, series);
        memorizedSection(body, schema, series);
        categorySection(body, schema, series);
        Optional<Dataset<Row>> trajectories = SqlQuery.read(spark, outRoot, Columns.TRAJECTORIES);
        List<Long> ns = series.stream().flatMap(s -> s.n().stream()).toList();
        trajectorySection(body, trajectories, smallestMedianLargest(ns), tau(schema, cells));
        runsSection(body, SqlQuery.read(spark, outRoot, Columns.RUNS));

        Files.createDirectories(toDir);
        Path index = toDir.resolve(INDEX);
        Files.writeString(index, page(body), StandardCharsets.UTF_8);
        return index;
    }

    /** In the head of every page memsweep writes: an index.html without it is someone else's and is never replaced. */
    static final String GENERATOR = "<meta name=\"generator\" content=\"memsweep report\">";
    /** Name of the one folder inside an output root where a report may go (no table is ever called so). */
    public static final String REPORT_FOLDER = "report";

    /**
     * Checks, without writing anything, that {@code toDir/index.html} may be written: {@code toDir}
     * is not an existing file; inside an output root (any folder holding a {@code cells/} table) it
     * is under that root's {@code report/} folder, never in a table folder (Spark would read the page
     * as table data and break {@code verdict}) nor beside the tables; it can be created and written;
     * and any {@code index.html} already there was written by memsweep.
     *
     * @throws org.memsweep.engine.InvalidParameterException naming {@code to}, the path and what is allowed
     */
    public static void checkDestination(Path toDir) {
        Path to = realish(toDir.toAbsolutePath().normalize());
        if (Files.exists(to) && !Files.isDirectory(to)) {
            throw refused(toDir, "a folder (" + to + " is an existing file)");
        }
        for (Path a = to; a != null; a = a.getParent()) {
            // Any folder holding a cells/ table is an output root: its other names are tables or sweep bookkeeping.
            if (Files.isDirectory(a.resolve(Columns.CELLS)) && !to.startsWith(a.resolve(REPORT_FOLDER))) {
                throw refused(toDir, "a folder outside the output root " + a + ", or its " + REPORT_FOLDER
                        + "/ subfolder (the rest belongs to the sweep; a report in a table folder would be read as data)");
            }
        }
        Path existing = to;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            throw refused(toDir, "a folder that can be created (" + existing + " is a file)");
        }
        if (!Files.isWritable(existing)) {
            throw refused(toDir, "a writable folder (" + existing + " is not writable)");
        }
        Path index = to.resolve(INDEX);
        if (Files.exists(index, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(index, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !isOurs(index)) {
                throw refused(toDir, "a folder without an " + INDEX + " that memsweep did not write (" + index
                        + " is not a memsweep report; move it away or choose another --to)");
            }
            if (!Files.isWritable(index)) {
                throw refused(toDir, "a writable folder (" + index + " is not writable)");
            }
        }
    }

    /** True when the file's head carries {@link #GENERATOR}: a report memsweep wrote. */
    private static boolean isOurs(Path index) {
        try (java.io.InputStream in = Files.newInputStream(index)) {
            return new String(in.readNBytes(1024), StandardCharsets.UTF_8).contains(GENERATOR);
        } catch (IOException e) {
            return false;
        }
    }

    /** The path with symlinks resolved in its longest existing prefix, so a link cannot hide a table folder. */
    private static Path realish(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p));
        } catch (IOException e) {
            return p;
        }
    }

    private static org.memsweep.engine.InvalidParameterException refused(Path to, String allowed) {
        return new org.memsweep.engine.InvalidParameterException("to", to, allowed);
    }

    // ---------------------------------------------------------------- sections

    private static void header(StringBuilder b, String outRoot, List<Row> cells, StructType schema,
                               List<CellSeries> series) {
        long trajectories = 0;
        int seedsIdx = schema.fieldIndex(Columns.SEEDS);
        for (Row r : cells) {
            trajectories += r.isNullAt(seedsIdx) ? 0 : ((Number) r.get(seedsIdx)).longValue();
        }
        b.append("<h1>memsweep report</h1>\n<p class=\"meta\">Output root <code>").append(esc(outRoot))
                .append("</code> &middot; ").append(cells.size()).append(" cells in ").append(series.size())
                .append(" series &middot; ").append(trajectories).append(" trajectories &middot; written ")
                .append(esc(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))).append("</p>\n");
    }

    private static void bugSignals(StringBuilder b, Verdict verdict, StructType schema) {
        boolean anyExact = Outcome.withExact().stream().anyMatch(o -> List.of(schema.fieldNames())
                .contains(o.exactColumn()));
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
    private static void convergenceSection(StringBuilder b, StructType schema, List<CellSeries> series) {
        b.append("<h2>Convergence</h2>\n<p class=\"how\">Trajectories whose flow stopped before converging "
                + "(<code>n_unconverged</code>). The exact predictions assume convergence, so a cell with any is "
                + "not compared with its prediction and raises no bug signal.</p>\n");
        if (!List.of(schema.fieldNames()).contains(Columns.N_UNCONVERGED)) {
            b.append("<p class=\"note\">This cells table has no <code>n_unconverged</code> column (written before "
                    + "it existed): convergence unknown.</p>\n");
            return;
        }
        int idx = schema.fieldIndex(Columns.N_UNCONVERGED);
        int seedsIdx = schema.fieldIndex(Columns.SEEDS);
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        for (CellSeries s : series) {
            for (int i = 0; i < s.cells().size(); i++) {
                Row r = s.cells().get(i);
                long k = (long) zeroIfNull(r, idx), seeds = (long) zeroIfNull(r, seedsIdx);
                if (k > 0) {
                    total += k;
                    rows.add(List.of(esc(s.description()), Long.toString(s.n().get(i)), Long.toString(seeds),
                            Long.toString(k), TableFormatter.compactNumber(seeds == 0 ? 0.0 : (double) k / seeds)));
                }
            }
        }
        if (rows.isEmpty()) {
            b.append("<p class=\"ok\">Every trajectory converged.</p>\n");
            return;
        }
        b.append("<p>").append(total).append(" trajectories in ").append(rows.size())
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
                rows.add(text.get(i).stream().map(ReportWriter::esc).toList());
                classes.add("verdict-row " + verdict.series().get(i).call().label());
            }
            table(b, "verdict", VerdictText.tableHeader(), rows, classes);
        }
        if (verdict.untestedSeries() > 0) {
            b.append("<p class=\"note\">").append(verdict.untestedSeries())
                    .append(" series with a single N not tested.</p>\n");
        }
    }

    private static void memorizedSection(StringBuilder b, StructType schema, List<CellSeries> series) {
        b.append("<h2>Memorized fraction against N</h2>\n")
                .append("<p class=\"how\">How to read this: one colour per series. Dots are the Monte Carlo "
                        + "fraction of trajectories ending at the apex or at a training point; vertical bars are "
                        + "95&nbsp;% Wilson intervals; a dashed line in the same colour is the exact prediction "
                        + "where one exists. A dot far from its dashed line is a bug signal. The paper predicts "
                        + "the dots fall as N grows (N on a log axis).</p>\n");
        int n = schema.fieldIndex(Columns.N);
        int frac = schema.fieldIndex(Outcome.MEMORIZED.fracColumn());
        int lo = schema.fieldIndex(Outcome.MEMORIZED.loColumn());
        int hi = schema.fieldIndex(Outcome.MEMORIZED.hiColumn());
        int exact = List.of(schema.fieldNames()).contains(Outcome.MEMORIZED.exactColumn())
                ? schema.fieldIndex(Outcome.MEMORIZED.exactColumn()) : -1;
        int unconverged = List.of(schema.fieldNames()).contains(Columns.N_UNCONVERGED)
                ? schema.fieldIndex(Columns.N_UNCONVERGED) : -1;
        List<ReportCharts.MemorizedLine> lines = new ArrayList<>();
        for (CellSeries s : series) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>(), los = new ArrayList<>(),
                    his = new ArrayList<>(), ex = new ArrayList<>(), ey = new ArrayList<>();
            for (Row r : s.cells()) {
                double x = num(r, n), y = num(r, frac), l = num(r, lo), h = num(r, hi);
                if (Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(l) && Double.isFinite(h)) {
                    xs.add(x);
                    ys.add(y);
                    los.add(l);
                    his.add(h);
                }
                // Only where the prediction applies (every trajectory converged), as in the verdict.
                double e = exact < 0 || !Verdict.exactApplies(r, unconverged) ? Double.NaN : num(r, exact);
                if (Double.isFinite(x) && Double.isFinite(e)) {
                    ex.add(x);
                    ey.add(e);
                }
            }
            if (!xs.isEmpty()) {
                lines.add(new ReportCharts.MemorizedLine(s.description(), xs, ys, los, his, ex, ey));
            }
        }
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

    private static void categorySection(StringBuilder b, StructType schema, List<CellSeries> series) {
        b.append("<h2>Where the trajectories end, by category</h2>\n")
                .append("<p class=\"how\">How to read this: one chart per series; each bar is one N and is split "
                        + "into the fractions of endpoints at the apex, at a training point, at a virtual point "
                        + "(a sum of two or more edges), on the hyperbox manifold, elsewhere (other), or diverged. "
                        + "The paper expects apex and training to shrink and virtual and manifold to grow with N."
                        + "</p>\n<div class=\"grid\">\n");
        int seedsIdx = schema.fieldIndex(Columns.SEEDS);
        for (int i = 0; i < Math.min(series.size(), MAX_STACKED_CHARTS); i++) {
            CellSeries s = series.get(i);
            // Pool repeated cells at one N (should not happen, but a bar must still sum to 1).
            TreeMap<Long, long[]> counts = new TreeMap<>();
            for (int k = 0; k < s.cells().size(); k++) {
                Row r = s.cells().get(k);
                long[] c = counts.computeIfAbsent(s.n().get(k), x -> new long[Outcome.categories().size() + 1]);
                c[0] += r.isNullAt(seedsIdx) ? 0 : ((Number) r.get(seedsIdx)).longValue();
                for (int j = 0; j < Outcome.categories().size(); j++) {
                    c[j + 1] += (long) zeroIfNull(r, schema.fieldIndex(Outcome.categories().get(j).countColumn()));
                }
            }
            List<String> labels = new ArrayList<>();
            Map<Outcome, List<Double>> fractions = new EnumMap<>(Outcome.class);
            for (Map.Entry<Long, long[]> e : counts.entrySet()) {
                labels.add(Long.toString(e.getKey()));
                for (int j = 0; j < Outcome.categories().size(); j++) {
                    long seeds = e.getValue()[0];
                    fractions.computeIfAbsent(Outcome.categories().get(j), o -> new ArrayList<>())
                            .add(seeds == 0 ? 0.0 : (double) e.getValue()[j + 1] / seeds);
                }
            }
            image(b, ReportCharts.stackedCategories(s.description(), labels, fractions),
                    "category fractions for " + s.description());
        }
        b.append("</div>\n");
        if (series.size() > MAX_STACKED_CHARTS) {
            b.append("<p class=\"note\">Showing the first ").append(MAX_STACKED_CHARTS).append(" of ")
                    .append(series.size()).append(" series; query the <code>cells</code> table for the rest.</p>\n");
        }
    }

    /**
     * Distributions over the trajectories at the chosen N (taken from the cells, so that Spark reads
     * only those {@code n=…} partitions of the trajectories table).
     */
    private static void trajectorySection(StringBuilder b, Optional<Dataset<Row>> trajectories, List<Long> chosen,
                                          OptionalDouble tau) {
        b.append("<h2>Trajectory endpoints at the smallest, median and largest N</h2>\n");
        if (trajectories.isEmpty() || chosen.isEmpty()) {
            b.append("<p>No trajectories table under this output root.</p>\n");
            return;
        }
        Dataset<Row> t = trajectories.get();
        b.append("<p class=\"how\">How to read this: each distribution pools every series at that N, shown for N = ")
                .append(esc(chosen.toString().replaceAll("[\\[\\]]", ""))).append(
                        ". Values are fractions within one N, so N with different numbers of trajectories compare "
                        + "directly.</p>\n");
        String inN = Columns.N + " IN (" + String.join(", ", chosen.stream().map(String::valueOf).toList()) + ")";
        Dataset<Row> sel = t.where(inN);

        // Virtual-point orders.
        b.append("<h3>Order k of the virtual points reached</h3>\n<p class=\"how\">Among endpoints classified "
                + "VIRTUAL, the fraction at a sum of k edges. The paper finds pairs (k = 2) stable and higher "
                + "orders increasingly unstable, so mass should sit at small k.</p>\n");
        List<Row> orders = sel.where(Columns.CATEGORY + " = '" + Outcome.VIRTUAL.name() + "'")
                .groupBy(Columns.N, Columns.VERTEX_ORDER).count().collectAsList();
        Map<Long, Map<Long, Long>> byN = new TreeMap<>();
        TreeSet<Long> ks = new TreeSet<>();
        for (Row r : orders) {
            if (r.isNullAt(1)) {
                continue;
            }
            long k = ((Number) r.get(1)).longValue();
            ks.add(k);
            byN.computeIfAbsent(((Number) r.get(0)).longValue(), x -> new TreeMap<>()).put(k, r.getLong(2));
        }
        if (ks.isEmpty()) {
            b.append("<p>No VIRTUAL endpoints at these N.</p>\n");
        } else {
            List<String> labels = ks.stream().map(String::valueOf).toList();
            Map<String, List<Double>> bars = new LinkedHashMap<>();
            for (Map.Entry<Long, Map<Long, Long>> e : byN.entrySet()) {
                long total = e.getValue().values().stream().mapToLong(Long::longValue).sum();
                List<Double> y = new ArrayList<>();
                for (long k : ks) {
                    y.add((double) e.getValue().getOrDefault(k, 0L) / total);
                }
                bars.put("N=" + e.getKey() + " (" + total + " virtual)", y);
            }
            image(b, ReportCharts.groupedBars("Virtual-point order k", "order k (number of edges summed)",
                    "fraction of VIRTUAL endpoints", labels, bars), "virtual-point orders");
        }

        // nn_ratio on the fixed range [0, 1].
        b.append("<h3>Nearest-neighbour ratio d1/d2</h3>\n<p class=\"how\">d1 and d2 are the distances from "
                + "the endpoint to its nearest and second-nearest training points. Left of the vertical line "
                + "(1/3) the endpoint counts as memorized by the rule of Gu et al.; a generalizing model moves "
                + "mass to the right as N grows. Diverged endpoints are left out.</p>\n");
        histogram(b, sel, Columns.NN_RATIO, 1.0, chosen, "nn_ratio = d1 / d2",
                OptionalDouble.of(NN_MEMORIZED_THRESHOLD));

        // linf_nearest: clip at the 99th percentile so a few far outliers do not squash the rest.
        b.append("<h3>L&infin; distance to the nearest training point</h3>\n<p class=\"how\">Near 0: the "
                + "endpoint reproduces a training point. The vertical line is the classification tolerance "
                + "&tau; (when one &tau; is used throughout). The last bin also holds everything beyond the "
                + "99th percentile.</p>\n");
        Row q = sel.where(finite(Columns.LINF_NEAREST))
                .selectExpr("percentile_approx(" + Columns.LINF_NEAREST + ", 0.99)").first();
        double upper = q.isNullAt(0) ? 0.0 : q.getDouble(0);
        if (!(upper > 0)) {
            b.append("<p>No finite non-zero distances at these N.</p>\n");
        } else {
            histogram(b, sel, Columns.LINF_NEAREST, upper, chosen, "linf_nearest (L\u221e distance)",
                    tau.isPresent() && tau.getAsDouble() < upper ? tau : OptionalDouble.empty());
        }
    }

    /** A frequency polygon per chosen N of {@code column} over [0, upper], values beyond in the last bin. */
    private static void histogram(StringBuilder b, Dataset<Row> sel, String column, double upper, List<Long> ns,
                                  String xTitle, OptionalDouble mark) {
        String bin = String.format(Locale.ROOT, "least(%d, greatest(0, cast(floor(%s / %s * %d) as int)))",
                BINS - 1, column, Double.toString(upper), BINS);
        List<Row> counts = sel.where(finite(column))
                .selectExpr(Columns.N, bin + " AS bin").groupBy(Columns.N, "bin").count().collectAsList();
        Map<Long, double[]> byN = new TreeMap<>();
        for (Row r : counts) {
            byN.computeIfAbsent(((Number) r.get(0)).longValue(), x -> new double[BINS])[r.getInt(1)] += r.getLong(2);
        }
        if (byN.isEmpty()) {
            b.append("<p>No finite values of <code>").append(column).append("</code> at these N.</p>\n");
            return;
        }
        List<Double> centers = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            centers.add((i + 0.5) * upper / BINS);
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (long n : ns) {
            double[] c = byN.get(n);
            if (c == null) {
                continue;
            }
            double total = 0;
            for (double v : c) {
                total += v;
            }
            List<Double> y = new ArrayList<>();
            for (double v : c) {
                y.add(v / total);
            }
            series.put("N=" + n + " (" + (long) total + ")", y);
        }
        image(b, ReportCharts.frequencyPolygons("Distribution of " + column, xTitle, centers, series, mark),
                "distribution of " + column);
    }

    private static void runsSection(StringBuilder b, Optional<Dataset<Row>> runs) {
        b.append("<h2>Runs</h2>\n<p class=\"how\">Every sweep run that wrote into this output root: a resumed "
                + "spec adds a run that skips the cells already complete. The spec is the exact input; rerunning "
                + "it with the same code version reproduces every row bit for bit.</p>\n");
        if (runs.isEmpty()) {
            b.append("<p>No runs table under this output root.</p>\n");
            return;
        }
        Dataset<Row> ds = runs.get();
        List<String> present = List.of(ds.schema().fieldNames());
        List<String> shown = new ArrayList<>();
        for (String c : List.of(Columns.RUN_ID, Columns.STATUS, Columns.STARTED_AT, Columns.ENDED_AT,
                Columns.CODE_VERSION, Columns.SPARK_MASTER, Columns.CELLS_TOTAL, Columns.CELLS_COMPUTED,
                Columns.CELLS_SKIPPED, Columns.TRAJECTORY_COUNT)) {
            if (present.contains(c)) {
                shown.add(c);
            }
        }
        if (present.contains(Columns.STARTED_AT)) {
            ds = ds.orderBy(Columns.STARTED_AT);
        }
        List<Row> rows = ds.collectAsList();
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            List<String> line = new ArrayList<>();
            for (String c : shown) {
                line.add(esc(TableFormatter.tableText(r.get(r.fieldIndex(c)))));
            }
            cells.add(line);
        }
        table(b, "runs", shown, cells, Collections.nCopies(cells.size(), "run-row"));
        if (present.contains(Columns.SPEC)) {
            for (Row r : rows) {
                Object runId = present.contains(Columns.RUN_ID) ? r.get(r.fieldIndex(Columns.RUN_ID)) : "";
                b.append("<details><summary>spec of run <code>").append(esc(String.valueOf(runId)))
                        .append("</code></summary><pre>").append(esc(String.valueOf(r.get(r.fieldIndex(Columns.SPEC)))))
                        .append("</pre></details>\n");
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** SQL condition: the column is a finite number (diverged endpoints carry NaN metrics). */
    private static String finite(String column) {
        return "NOT isnan(" + column + ") AND abs(" + column + ") < double('Infinity')";
    }

    /** Distinct values: the smallest, the median (lower middle) and the largest, without repeats. */
    static List<Long> smallestMedianLargest(List<Long> values) {
        List<Long> sorted = new ArrayList<>(new TreeSet<>(values));
        if (sorted.isEmpty()) {
            return List.of();
        }
        TreeSet<Long> out = new TreeSet<>(List.of(sorted.get(0), sorted.get((sorted.size() - 1) / 2),
                sorted.get(sorted.size() - 1)));
        return List.copyOf(out);
    }

    /** The classification tolerance when every cell uses the same one. */
    private static OptionalDouble tau(StructType schema, List<Row> cells) {
        if (!List.of(schema.fieldNames()).contains(Columns.TAU)) {
            return OptionalDouble.empty();
        }
        int idx = schema.fieldIndex(Columns.TAU);
        TreeSet<Double> values = new TreeSet<>();
        for (Row r : cells) {
            values.add(num(r, idx));
        }
        return values.size() == 1 && Double.isFinite(values.first()) ? OptionalDouble.of(values.first())
                : OptionalDouble.empty();
    }

    private static double num(Row r, int idx) {
        return r.isNullAt(idx) ? Double.NaN : ((Number) r.get(idx)).doubleValue();
    }

    private static double zeroIfNull(Row r, int idx) {
        return r.isNullAt(idx) ? 0 : ((Number) r.get(idx)).doubleValue();
    }

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

    private static String page(CharSequence body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" + GENERATOR + "\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>memsweep report</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n" + body
                + "</body>\n</html>\n";
    }

    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
                   max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
            h1 { margin-bottom: 0.2em; }
            h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
            .meta, .note { color: #666; }
            .how { color: #444; background: #f6f8fa; padding: 0.6em 0.9em; border-radius: 4px; }
            .table-wrap { overflow-x: auto; max-width: 100%; }
            table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
            th, td { border: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
            th { background: #f0f0f0; }
            td { font-variant-numeric: tabular-nums; }
            table.runs td, table.verdict td, table.bugs td { white-space: nowrap; }
            tr.supported td:last-child { color: #1a7f37; font-weight: bold; }
            tr.contradicted td:last-child { color: #b00020; font-weight: bold; }
            tr.inconclusive td:last-child { color: #666; }
            .bug-signals { border: 2px solid #b00020; background: #fff0f0; color: #b00020;
                           padding: 0.5em 1em; border-radius: 4px; }
            .bug-signals h2 { color: #b00020; border: none; margin-top: 0.3em; }
            .ok { color: #1a7f37; }
            figure { margin: 1em 0; }
            img { max-width: 100%; height: auto; border: 1px solid #eee; }
            .grid { display: flex; flex-wrap: wrap; gap: 0.5em; }
            .grid figure { margin: 0; }
            pre { background: #f6f8fa; padding: 0.6em; overflow-x: auto; font-size: 0.85em; }
            code { font-size: 0.95em; }
            """;
}
