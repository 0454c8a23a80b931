package org.memsweep.analysis.verdict;

import org.memsweep.analysis.stat.TrendTest;
import org.memsweep.analysis.table.Columns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import org.memsweep.analysis.table.Columns.Outcome;

/**
 * The paper's claim checked on the {@code cells/} table: does the memorized fraction fall as the
 * training-set size N grows? And do the Monte Carlo estimates agree with the exact predictions?
 *
 * <p>A <em>series</em> is the set of cells that share every parameter except {@code n}. Each series
 * with at least two distinct N gets a one-sided Cochran–Armitage trend test ({@link TrendTest}) of
 * {@code n_memorized} out of {@code seeds} over N: {@code supported} when p_falling &lt; 0.01,
 * {@code contradicted} when p_rising &lt; 0.01, otherwise {@code inconclusive}.
 *
 * <p>A <em>bug signal</em> is a cell whose estimate {@code frac_X} lies more than 4 standard errors
 * from {@code exact_X} (SE = √(p(1−p)/seeds) with p the exact value; when p is 0 or 1 the estimate
 * cannot vary, so any difference counts). At 4 SE a correct engine raises a false signal in about
 * 1 cell in 16 000 per outcome, so a signal means a bug in the engine, the classifier or the exact
 * formula far more often than bad luck. The exact predictions (science.md §5) assume the flow
 * converged: a cell with {@code n_unconverged > 0} is not compared, only counted.
 *
 * <p>This computes; {@link org.memsweep.analysis.render.VerdictText} puts it into words.
 *
 * @param series         one entry per tested series, sorted by parameter values
 * @param bugSignals     estimate-vs-exact disagreements, sorted by cell parameters and outcome
 * @param untestedSeries series with a single distinct N, which cannot show a trend
 * @param uncomparedCells cells with an exact prediction that were not compared with it because
 *                        some of their trajectories did not converge
 */
public record Verdict(List<Series> series, List<BugSignal> bugSignals, int untestedSeries, int uncomparedCells) {

    /** Significance level of each one-sided test. */
    public static final double ALPHA = 0.01;
    /** Distance, in standard errors, beyond which an estimate contradicts its exact prediction. */
    public static final double BUG_SIGNAL_SE = 4.0;

    public Verdict {
        series = List.copyOf(series);
        bugSignals = List.copyOf(bugSignals);
    }

    /** The outcome of one series' trend test. */
    public enum Call {
        SUPPORTED, CONTRADICTED, INCONCLUSIVE;

        /** Lower-case label used in the text and HTML tables. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Call of(TrendTest t) {
            if (t.testable() && t.pFalling() < ALPHA) {
                return SUPPORTED;
            }
            if (t.testable() && t.pRising() < ALPHA) {
                return CONTRADICTED;
            }
            return INCONCLUSIVE;
        }
    }

    /**
     * One tested series.
     *
     * @param parameters  every parameter except n (schema order; values as read, may be null)
     * @param description the parameters that vary between series, as {@code name=value, …}
     * @param ns          the distinct N values, ascending
     * @param trials      total trajectories over the series' cells
     * @param trend       the trend test of the memorized fraction over N
     * @param call        supported / contradicted / inconclusive
     */
    public record Series(Map<String, Object> parameters, String description, List<Long> ns, long trials,
                         TrendTest trend, Call call) {
        public Series {
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            ns = List.copyOf(ns);
        }

        public long nMin() {
            return ns.get(0);
        }

        public long nMax() {
            return ns.get(ns.size() - 1);
        }
    }

    /**
     * One cell whose estimate disagrees with the exact prediction.
     *
     * @param description     the cell's series description plus its n
     * @param standardErrors  |estimate − exact| / SE; infinite when the exact value is 0 or 1
     */
    public record BugSignal(String runId, String cellId, String description, Outcome outcome, long seeds,
                            double estimate, double exact, double standardErrors) {}

    /** The verdict for a cells table (collected to the driver: one row per cell is small). */
    public static Verdict compute(Dataset<Row> cells) {
        return compute(cells, TrendTest.Scores.LOG);
    }

    /** As {@link #compute(Dataset)} with the given trend-test scores. */
    public static Verdict compute(Dataset<Row> cells, TrendTest.Scores scores) {
        return compute(cells.schema(), cells.collectAsList(), scores);
    }

    /** The verdict for cells rows already on the driver. */
    public static Verdict compute(StructType schema, List<Row> cells, TrendTest.Scores scores) {
        int seedsIdx = schema.fieldIndex(Columns.SEEDS);
        int memIdx = schema.fieldIndex(Outcome.MEMORIZED.countColumn());
        int unconvergedIdx = List.of(schema.fieldNames()).contains(Columns.N_UNCONVERGED)
                ? schema.fieldIndex(Columns.N_UNCONVERGED) : -1; // absent in tables written before it existed
        int uncompared = 0;
        List<CellSeries> all = CellSeries.of(schema, cells);

        List<Series> tested = new ArrayList<>();
        List<BugSignal> signals = new ArrayList<>();
        for (CellSeries cs : all) {
            List<TrendTest.Group> groups = new ArrayList<>();
            long trials = 0;
            for (int i = 0; i < cs.cells().size(); i++) {
                Row r = cs.cells().get(i);
                if (r.isNullAt(seedsIdx)) {
                    continue;
                }
                long seeds = ((Number) r.get(seedsIdx)).longValue();
                if (!exactApplies(r, unconvergedIdx)) {
                    uncompared += hasExact(schema, r) ? 1 : 0;
                } else {
                    signals.addAll(bugSignals(schema, r, seeds, cs.describeCell(cs.n().get(i))));
                }
                if (!r.isNullAt(memIdx)) {
                    long memorized = ((Number) r.get(memIdx)).longValue();
                    groups.add(new TrendTest.Group(cs.n().get(i), memorized, seeds));
                    trials += seeds;
                }
            }
            if (cs.distinctN().size() >= 2) {
                TrendTest trend = TrendTest.of(groups, scores);
                tested.add(new Series(cs.parameters(), cs.description(), cs.distinctN(), trials, trend,
                        Call.of(trend)));
            }
        }
        return new Verdict(tested, signals, all.size() - tested.size(), uncompared);
    }

    /** The exact predictions assume every trajectory converged: false when the cell counts a non-converged one. */
    public static boolean exactApplies(Row r, int unconvergedIdx) {
        return unconvergedIdx < 0 || r.isNullAt(unconvergedIdx) || ((Number) r.get(unconvergedIdx)).longValue() == 0;
    }

    private static boolean hasExact(StructType schema, Row r) {
        Set<String> columns = Set.of(schema.fieldNames());
        for (Outcome o : Outcome.withExact()) {
            if (columns.contains(o.exactColumn()) && !r.isNullAt(schema.fieldIndex(o.exactColumn()))) {
                return true;
            }
        }
        return false;
    }

    /** The outcomes of one cell whose estimate is more than 4 SE from the exact prediction. */
    private static List<BugSignal> bugSignals(StructType schema, Row r, long seeds, String description) {
        List<BugSignal> out = new ArrayList<>();
        if (seeds == 0) {
            return out;
        }
        Set<String> columns = Set.of(schema.fieldNames());
        for (Outcome o : Outcome.withExact()) {
            if (!columns.contains(o.exactColumn()) || !columns.contains(o.fracColumn())) {
                continue; // tables written before an outcome had a prediction
            }
            Object exact = r.get(schema.fieldIndex(o.exactColumn()));
            Object est = r.get(schema.fieldIndex(o.fracColumn()));
            if (exact == null || est == null) {
                continue;
            }
            double p = ((Number) exact).doubleValue();
            double x = ((Number) est).doubleValue();
            double distance = standardErrors(x, p, seeds);
            if (distance > BUG_SIGNAL_SE) {
                out.add(new BugSignal(string(r, schema, Columns.RUN_ID), string(r, schema, Columns.CELL_ID),
                        description, o, seeds, x, p, distance));
            }
        }
        return out;
    }

    /**
     * |estimate − exact| in binomial standard errors of the exact value; at exact 0 or 1 the SE is
     * 0, so any difference is infinitely many SE and none is 0.
     */
    static double standardErrors(double estimate, double exact, long seeds) {
        double diff = Math.abs(estimate - exact);
        double se = Math.sqrt(exact * (1 - exact) / seeds);
        if (!(se > 0)) {
            return diff > 0 ? Double.POSITIVE_INFINITY : 0.0;
        }
        return diff / se;
    }

    private static String string(Row r, StructType schema, String column) {
        Object v = r.get(schema.fieldIndex(column));
        return v == null ? null : v.toString();
    }
}
