package org.memsweep.analysis.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.table.Columns.Outcome;
import org.memsweep.analysis.table.SqlQuery;

/**
 * What the report shows of the paper's experiments (science.md §7) and of the denoiser bank (§3.4),
 * read from their tables under an output root into plain records; each list is empty when its table
 * is absent, and the report then leaves its section out.
 *
 * @param virtualPoints rows of {@code experiments/virtual_points}, by run, denoiser and k
 * @param flows         rows of {@code experiments/flows}, by run, flow and denoiser
 * @param bank          the bank's networks (weights left out), by training set, settings and σ descending
 */
record ExperimentData(List<VirtualPointsRow> virtualPoints, List<FlowsRow> flows, List<BankRow> bank) {

    /** One (denoiser, k) result of {@code experiment virtual-points}. */
    record VirtualPointsRow(String runId, String denoiser, int k, long stable, long total, double fraction, double lo, double hi,
                            double paperFraction, double sigma, double trainResidual, boolean trainMet) {}

    /**
     * One (flow, denoiser) result of {@code experiment flows}.
     *
     * @param fractions    the fraction of starts per category (the six categories of §6)
     * @param maxResidual  the largest training residual among the row's networks (NaN when it used none)
     * @param allMet       whether every network the row used met its tolerance
     */
    record FlowsRow(String runId, String flow, String denoiser, int starts, Map<Outcome, Double> fractions, double boundary,
                    double memorized, double lo, double hi, long unconverged, int networks, double maxResidual, boolean allMet) {}

    /** One network of the bank; {@code chain} the levels of the warm-start chain it was trained in. */
    record BankRow(String trainingSet, String settings, List<Double> chain, double sigma, double cost, double residual, long steps,
                   double seconds, boolean met) {}

    /** No experiment, no bank. */
    static ExperimentData none() {
        return new ExperimentData(List.of(), List.of(), List.of());
    }

    /** Whether there is nothing to show. */
    boolean isEmpty() {
        return virtualPoints.isEmpty() && flows.isEmpty() && bank.isEmpty();
    }

    /** Reads the tables that exist under {@code outRoot}. */
    static ExperimentData read(SparkSession spark, String outRoot) {
        List<VirtualPointsRow> vp = new ArrayList<>();
        SqlQuery.read(spark, outRoot, SqlQuery.VIRTUAL_POINTS_TABLE).ifPresent(ds -> {
            for (Row r : ds.orderBy("run_id", "denoiser", "k").collectAsList()) {
                vp.add(new VirtualPointsRow(r.getAs("run_id"), r.getAs("denoiser"), r.<Integer>getAs("k"), r.<Long>getAs("stable"),
                        r.<Long>getAs("total"), r.<Double>getAs("fraction"), r.<Double>getAs("wilson_lo"), r.<Double>getAs("wilson_hi"),
                        r.<Double>getAs("paper_fraction"), r.<Double>getAs("sigma"), r.<Double>getAs("train_residual"),
                        r.<Boolean>getAs("train_met_tolerance")));
            }
        });
        List<FlowsRow> flows = new ArrayList<>();
        SqlQuery.read(spark, outRoot, SqlQuery.FLOWS_TABLE).ifPresent(ds -> {
            for (Row r : ds.orderBy("run_id", "flow", "denoiser").collectAsList()) {
                Map<Outcome, Double> f = new EnumMap<>(Outcome.class);
                for (Outcome o : Outcome.categories()) f.put(o, r.<Double>getAs("frac_" + o.name().toLowerCase(Locale.ROOT)));
                List<Double> residuals = r.getList(r.fieldIndex("net_residuals"));
                List<Boolean> met = r.getList(r.fieldIndex("net_met_tolerance"));
                double max = Double.NaN;
                for (double x : residuals) max = Double.isNaN(max) ? x : Math.max(max, x);
                flows.add(new FlowsRow(r.getAs("run_id"), r.getAs("flow"), r.getAs("denoiser"), r.<Integer>getAs("starts"), f,
                        r.<Double>getAs("frac_boundary"), r.<Double>getAs("frac_memorized"), r.<Double>getAs("frac_memorized_lo"),
                        r.<Double>getAs("frac_memorized_hi"), r.<Long>getAs("n_unconverged"), residuals.size(), max,
                        !met.contains(false)));
            }
        });
        List<BankRow> bank = new ArrayList<>();
        SqlQuery.read(spark, outRoot, Columns.BANK).ifPresent(ds -> {
            for (Row r : ds.select(Columns.TRAINING_SET, Columns.TRAIN_SETTINGS, Columns.NOISE_LEVEL, Columns.COST, Columns.MAX_RESIDUAL,
                            Columns.ADAM_STEPS, Columns.TRAIN_SECONDS, Columns.MET_TOLERANCE, Columns.CHAIN)
                    .orderBy(org.apache.spark.sql.functions.col(Columns.TRAINING_SET), org.apache.spark.sql.functions.col(Columns.TRAIN_SETTINGS),
                            org.apache.spark.sql.functions.size(org.apache.spark.sql.functions.col(Columns.CHAIN)).desc(),
                            org.apache.spark.sql.functions.col(Columns.NOISE_LEVEL).desc())
                    .collectAsList()) {
                bank.add(new BankRow(r.getString(0), r.getString(1), List.copyOf(r.<Double>getList(8)), r.getDouble(2), r.getDouble(3),
                        r.getDouble(4), r.getLong(5), r.getDouble(6), r.getBoolean(7)));
            }
        });
        return new ExperimentData(vp, flows, bank);
    }

    /** The rows of the newest run of a table (run ids sort by time). */
    static <T> List<T> newest(List<T> rows, java.util.function.Function<T, String> runId) {
        String last = rows.stream().map(runId).max(String::compareTo).orElse(null);
        return rows.stream().filter(r -> runId.apply(r).equals(last)).toList();
    }
}
