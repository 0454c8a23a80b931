package org.memsweep.analysis.report;

import java.util.ArrayList;
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

import org.memsweep.analysis.stat.TrendTest;
import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.table.Columns.Outcome;
import org.memsweep.analysis.table.SqlQuery;
import org.memsweep.analysis.verdict.CellSeries;
import org.memsweep.analysis.verdict.Verdict;

/**
 * Everything the report shows, read from the tables under an output root into plain records: the
 * only class of the report that queries Spark, so {@link ReportHtml} only renders. The cells table
 * (one row per cell) is collected to the driver; the trajectory distributions are aggregated by
 * Spark, so only histogram counts reach the driver.
 *
 * <p>A root may hold a sweep, the paper's experiments (science.md §7), a denoiser bank (§3.4), or
 * any mix: each part is read when its table is there, and a root with none of them is refused.
 *
 * @param outRoot     the output root read
 * @param sweep       what the sweep's tables say; empty without a cells table
 * @param runs        the runs table; empty when there is none
 * @param experiments the experiments' tables and the bank, each empty when absent
 */
record ReportData(String outRoot, Optional<Sweep> sweep, Optional<Runs> runs, ExperimentData experiments) {

    /**
     * What a sweep's tables show.
     *
     * @param cellCount       rows of the cells table
     * @param seriesCount     series (cells differing only in N)
     * @param trajectoryCount seeds summed over the cells
     * @param verdict         the trend tests and bug signals (science.md §5, §7)
     * @param anyExactColumn  whether the cells table has an exact-prediction column at all
     * @param convergence     non-converged trajectories per cell
     * @param memorized       one memorized-fraction line per series with finite values
     * @param categories      category fractions of the first {@link #MAX_STACKED_CHARTS} series
     * @param endpoints       trajectory distributions at the smallest, median and largest N; empty
     *                        without a trajectories table
     */
    record Sweep(int cellCount, int seriesCount, long trajectoryCount, Verdict verdict, boolean anyExactColumn,
                 Convergence convergence, List<ReportCharts.MemorizedLine> memorized, List<CategoryBars> categories,
                 Optional<Endpoints> endpoints) {}

    /** Stacked-category charts drawn at most; later series are listed as omitted. */
    static final int MAX_STACKED_CHARTS = 12;
    /** Bins of the nn_ratio and linf_nearest histograms. */
    static final int BINS = 20;
    /** The nn_ratio threshold below which an endpoint counts as memorized (Gu et al.). */
    static final double NN_MEMORIZED_THRESHOLD = 1.0 / 3.0;

    /**
     * Non-converged trajectories (science.md §4: a flow that stopped before converging).
     *
     * @param known whether the cells table has an {@code n_unconverged} column (older tables do not)
     * @param cells the cells with at least one, by series then N
     */
    record Convergence(boolean known, List<Unconverged> cells) {
        long total() {
            return cells.stream().mapToLong(Unconverged::count).sum();
        }
    }

    /** One cell with {@code count} of its {@code seeds} trajectories not converged. */
    record Unconverged(String series, long n, long seeds, long count) {
        double fraction() {
            return seeds == 0 ? 0.0 : (double) count / seeds;
        }
    }

    /** One series' fraction of endpoints in each category (science.md §6), one bar per N. */
    record CategoryBars(String description, List<String> nLabels, Map<Outcome, List<Double>> fractions) {}

    /**
     * The trajectory endpoints at the chosen N.
     *
     * @param ns        the N shown
     * @param orders    per N, the fraction of VIRTUAL endpoints at each order k; empty when none
     * @param orderKs   the orders k found, ascending (the bars' labels)
     * @param nnRatio   the nn_ratio distribution on [0, 1]
     * @param linf      the linf_nearest distribution up to its 99th percentile; empty when no
     *                  finite non-zero distance
     */
    record Endpoints(List<Long> ns, Map<String, List<Double>> orders, List<String> orderKs, Histogram nnRatio,
                     Optional<Histogram> linf) {}

    /**
     * A frequency polygon per N of {@code column} over [0, upper].
     *
     * @param centers the bin centres
     * @param byN     per N (label with its count), the fraction of values in each bin; empty when
     *                no finite value
     * @param mark    where to draw a vertical line, if anywhere
     */
    record Histogram(String column, List<Double> centers, Map<String, List<Double>> byN, OptionalDouble mark) {}

    /**
     * The runs table.
     *
     * @param columns the columns shown, in display order
     * @param rows    their values (as read) per run, oldest first
     * @param specs   each run's id and spec, when the table has a spec column
     */
    record Runs(List<String> columns, List<List<Object>> rows, List<RunSpec> specs) {}

    /** The exact input of one run. */
    record RunSpec(String runId, String spec) {}

    /**
     * Reads the tables under {@code outRoot}.
     *
     * @throws IllegalArgumentException when there is no cells table, no experiment table and no bank
     */
    static ReportData read(SparkSession spark, String outRoot) {
        Optional<Sweep> sweep = SqlQuery.read(spark, outRoot, Columns.CELLS).map(cells -> sweep(spark, outRoot, cells));
        ExperimentData experiments = ExperimentData.read(spark, outRoot);
        if (sweep.isEmpty() && experiments.isEmpty()) {
            throw new IllegalArgumentException("no " + Columns.CELLS + ", " + String.join(", ", SqlQuery.EXPERIMENT_TABLES) + " or "
                    + Columns.BANK + " table under " + outRoot + " (has a sweep, an experiment or memsweep bank run there?)");
        }
        return new ReportData(outRoot, sweep, SqlQuery.read(spark, outRoot, Columns.RUNS).map(ReportData::runs), experiments);
    }

    private static Sweep sweep(SparkSession spark, String outRoot, Dataset<Row> cellsDs) {
        StructType schema = cellsDs.schema();
        List<Row> cells = cellsDs.collectAsList();
        List<CellSeries> series = CellSeries.of(schema, cells);
        Verdict verdict = Verdict.compute(schema, cells, TrendTest.Scores.LOG);
        boolean anyExact = Outcome.withExact().stream().anyMatch(o -> has(schema, o.exactColumn()));
        List<Long> ns = series.stream().flatMap(s -> s.n().stream()).toList();
        Optional<Dataset<Row>> trajectories = SqlQuery.read(spark, outRoot, Columns.TRAJECTORIES);
        List<Long> chosen = smallestMedianLargest(ns);
        Optional<Endpoints> endpoints = trajectories.isEmpty() || chosen.isEmpty() ? Optional.empty()
                : Optional.of(endpoints(trajectories.get(), chosen, tau(schema, cells)));
        return new Sweep(cells.size(), series.size(), trajectoryCount(schema, cells), verdict, anyExact,
                convergence(schema, series), memorized(schema, series), categories(schema, series), endpoints);
    }

    private static long trajectoryCount(StructType schema, List<Row> cells) {
        long trajectories = 0;
        int seedsIdx = schema.fieldIndex(Columns.SEEDS);
        for (Row r : cells) {
            trajectories += r.isNullAt(seedsIdx) ? 0 : ((Number) r.get(seedsIdx)).longValue();
        }
        return trajectories;
    }

    private static Convergence convergence(StructType schema, List<CellSeries> series) {
        if (!has(schema, Columns.N_UNCONVERGED)) {
            return new Convergence(false, List.of());
        }
        int idx = schema.fieldIndex(Columns.N_UNCONVERGED);
        int seedsIdx = schema.fieldIndex(Columns.SEEDS);
        List<Unconverged> out = new ArrayList<>();
        for (CellSeries s : series) {
            for (int i = 0; i < s.cells().size(); i++) {
                Row r = s.cells().get(i);
                long k = (long) zeroIfNull(r, idx), seeds = (long) zeroIfNull(r, seedsIdx);
                if (k > 0) {
                    out.add(new Unconverged(s.description(), s.n().get(i), seeds, k));
                }
            }
        }
        return new Convergence(true, out);
    }

    private static List<ReportCharts.MemorizedLine> memorized(StructType schema, List<CellSeries> series) {
        int n = schema.fieldIndex(Columns.N);
        int frac = schema.fieldIndex(Outcome.MEMORIZED.fracColumn());
        int lo = schema.fieldIndex(Outcome.MEMORIZED.loColumn());
        int hi = schema.fieldIndex(Outcome.MEMORIZED.hiColumn());
        int exact = has(schema, Outcome.MEMORIZED.exactColumn()) ? schema.fieldIndex(Outcome.MEMORIZED.exactColumn()) : -1;
        int unconverged = has(schema, Columns.N_UNCONVERGED) ? schema.fieldIndex(Columns.N_UNCONVERGED) : -1;
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
        return lines;
    }

    private static List<CategoryBars> categories(StructType schema, List<CellSeries> series) {
        int seedsIdx = schema.fieldIndex(Columns.SEEDS);
        List<Outcome> categories = Outcome.categories();
        List<CategoryBars> out = new ArrayList<>();
        for (int i = 0; i < Math.min(series.size(), MAX_STACKED_CHARTS); i++) {
            CellSeries s = series.get(i);
            // Pool repeated cells at one N (should not happen, but a bar must still sum to 1).
            TreeMap<Long, long[]> counts = new TreeMap<>();
            for (int k = 0; k < s.cells().size(); k++) {
                Row r = s.cells().get(k);
                long[] c = counts.computeIfAbsent(s.n().get(k), x -> new long[categories.size() + 1]);
                c[0] += r.isNullAt(seedsIdx) ? 0 : ((Number) r.get(seedsIdx)).longValue();
                for (int j = 0; j < categories.size(); j++) {
                    c[j + 1] += (long) zeroIfNull(r, schema.fieldIndex(categories.get(j).countColumn()));
                }
            }
            List<String> labels = new ArrayList<>();
            Map<Outcome, List<Double>> fractions = new EnumMap<>(Outcome.class);
            for (Map.Entry<Long, long[]> e : counts.entrySet()) {
                labels.add(Long.toString(e.getKey()));
                for (int j = 0; j < categories.size(); j++) {
                    long seeds = e.getValue()[0];
                    fractions.computeIfAbsent(categories.get(j), o -> new ArrayList<>())
                            .add(seeds == 0 ? 0.0 : (double) e.getValue()[j + 1] / seeds);
                }
            }
            out.add(new CategoryBars(s.description(), labels, fractions));
        }
        return out;
    }

    /**
     * Distributions over the trajectories at the chosen N (taken from the cells, so that Spark reads
     * only those {@code n=…} partitions of the trajectories table).
     */
    private static Endpoints endpoints(Dataset<Row> trajectories, List<Long> chosen, OptionalDouble tau) {
        String inN = Columns.N + " IN (" + String.join(", ", chosen.stream().map(String::valueOf).toList()) + ")";
        Dataset<Row> sel = trajectories.where(inN);

        // Virtual-point orders.
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
        Map<String, List<Double>> bars = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<Long, Long>> e : byN.entrySet()) {
            long total = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            List<Double> y = new ArrayList<>();
            for (long k : ks) {
                y.add((double) e.getValue().getOrDefault(k, 0L) / total);
            }
            bars.put("N=" + e.getKey() + " (" + total + " virtual)", y);
        }

        // nn_ratio on the fixed range [0, 1].
        Histogram nnRatio = histogram(sel, Columns.NN_RATIO, 1.0, chosen, OptionalDouble.of(NN_MEMORIZED_THRESHOLD));

        // linf_nearest: clip at the 99th percentile so a few far outliers do not squash the rest.
        Row q = sel.where(finite(Columns.LINF_NEAREST))
                .selectExpr("percentile_approx(" + Columns.LINF_NEAREST + ", 0.99)").first();
        double upper = q.isNullAt(0) ? 0.0 : q.getDouble(0);
        Optional<Histogram> linf = !(upper > 0) ? Optional.empty() : Optional.of(histogram(sel, Columns.LINF_NEAREST,
                upper, chosen, tau.isPresent() && tau.getAsDouble() < upper ? tau : OptionalDouble.empty()));
        return new Endpoints(chosen, bars, ks.stream().map(String::valueOf).toList(), nnRatio, linf);
    }

    /** Per chosen N, the fractions of {@code column} in {@link #BINS} bins over [0, upper], values beyond in the last. */
    private static Histogram histogram(Dataset<Row> sel, String column, double upper, List<Long> ns, OptionalDouble mark) {
        String bin = String.format(Locale.ROOT, "least(%d, greatest(0, cast(floor(%s / %s * %d) as int)))",
                BINS - 1, column, Double.toString(upper), BINS);
        List<Row> counts = sel.where(finite(column))
                .selectExpr(Columns.N, bin + " AS bin").groupBy(Columns.N, "bin").count().collectAsList();
        Map<Long, double[]> byN = new TreeMap<>();
        for (Row r : counts) {
            byN.computeIfAbsent(((Number) r.get(0)).longValue(), x -> new double[BINS])[r.getInt(1)] += r.getLong(2);
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
        return new Histogram(column, centers, series, mark);
    }

    private static Runs runs(Dataset<Row> ds) {
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
        List<List<Object>> values = new ArrayList<>();
        for (Row r : rows) {
            List<Object> line = new ArrayList<>();
            for (String c : shown) {
                line.add(r.get(r.fieldIndex(c)));
            }
            values.add(line);
        }
        List<RunSpec> specs = new ArrayList<>();
        if (present.contains(Columns.SPEC)) {
            for (Row r : rows) {
                Object runId = present.contains(Columns.RUN_ID) ? r.get(r.fieldIndex(Columns.RUN_ID)) : "";
                specs.add(new RunSpec(String.valueOf(runId), String.valueOf(r.get(r.fieldIndex(Columns.SPEC)))));
            }
        }
        return new Runs(shown, values, specs);
    }

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
        if (!has(schema, Columns.TAU)) {
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

    private static boolean has(StructType schema, String column) {
        return List.of(schema.fieldNames()).contains(column);
    }

    private static double num(Row r, int idx) {
        return r.isNullAt(idx) ? Double.NaN : ((Number) r.get(idx)).doubleValue();
    }

    private static double zeroIfNull(Row r, int idx) {
        return r.isNullAt(idx) ? 0 : ((Number) r.get(idx)).doubleValue();
    }
}
