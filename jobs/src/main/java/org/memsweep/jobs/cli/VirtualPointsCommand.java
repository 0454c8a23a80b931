package org.memsweep.jobs.cli;

import java.io.PrintWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.memsweep.analysis.stat.Wilson;
import org.memsweep.analysis.table.SqlQuery;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.classify.Category;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.data.TrainingSets;
import org.memsweep.engine.denoiser.Denoiser;
import org.memsweep.engine.denoiser.RampSumDenoiser;
import org.memsweep.engine.experiment.VirtualPointStability;
import org.memsweep.engine.train.MinNormTrainer;
import org.memsweep.engine.train.TrainResult;
import org.memsweep.engine.train.TrainSettings;
import org.memsweep.jobs.sweep.OutputRoot;
import org.memsweep.jobs.sweep.SweepJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code memsweep experiment virtual-points}: [Z25]'s first experiment (science.md §7). Orthogonal
 * data, d = 30, apex + 30 unit edges; one min-norm network trained at level σ (§3.4) and the closed
 * form at the same σ (§3.1, ρ = ασ); fixed-point iteration from every sum of 2, 3 and 4 edges
 * ({@link VirtualPointStability}); the fraction kept within L∞ radius, beside the paper's. One row per
 * (denoiser, k) is appended to {@value SqlQuery#VIRTUAL_POINTS_TABLE} under --out, in a memsweep
 * output root (marker and lock as for a sweep).
 */
@Command(name = "virtual-points", mixinStandardHelpOptions = true,
        description = {"Are virtual points stable? Trains one low-noise network on orthogonal data (d = 30, apex + 30 edges), "
                + "iterates y <- h(y) from every sum of 2, 3 and 4 edges, for the network and the closed form, and prints the "
                + "fraction that ends within L∞ --radius of its start beside the paper's 98.6 % / 83.5 % / 25.4 %.",
                "Appends one row per (denoiser, k) to <out>/" + SqlQuery.VIRTUAL_POINTS_TABLE + " (view virtual_points in 'memsweep sql')."})
public final class VirtualPointsCommand implements Callable<Integer> {
    /** d and N of the paper's experiment. */
    static final int D = 30, N = 31;

    /** The paper's stable counts (of C(30, k)) for k = 2, 3, 4 (science.md §7). */
    static final long[] PAPER_STABLE = {429, 3390, 6965};

    /** Training settings unless --train changes them (see the README for why). */
    static final String DEFAULT_TRAIN = "width=256;copies=100;noise=sphere;max-steps=8000";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "<path>", description = "output root (a new folder, or one memsweep wrote) (default: ${DEFAULT-VALUE})",
            defaultValue = "results")
    String out;

    @Option(names = "--sigma", paramLabel = "<σ>", description = "noise level of the trained network and the closed form "
            + "(below 1/(2α) ≈ 0.0913 for α = √30) (default: ${DEFAULT-VALUE})", defaultValue = "0.05")
    double sigma;

    @Option(names = "--alpha", paramLabel = "<α>", description = "closed form's ball radius ρ = ασ (default: √d)")
    Double alpha;

    @Option(names = "--train", paramLabel = "<k=v;…>", description = "training settings changed from the experiment's "
            + DEFAULT_TRAIN + " (keys: " + TrainSettings.KEYS + ")")
    String train;

    @Option(names = "--seed", paramLabel = "<long>", description = "training seed (initial weights and training noise; same as --train seed=…) (default: 0)")
    Long seed;

    @Option(names = "--radius", paramLabel = "<L∞>", description = "a start is stable when its end point lies within this L∞ distance (default: ${DEFAULT-VALUE})",
            defaultValue = "0.2")
    double radius;

    @Option(names = "--max-iterations", paramLabel = "<count>", description = "evaluations of h per start; the iteration stops earlier "
            + "once ‖h(y) − y‖∞ ≤ 1e-9 (default: ${DEFAULT-VALUE})", defaultValue = "200")
    int maxIterations;

    @Option(names = "--master", paramLabel = "<url>", description = "Spark master for writing the table (default: local[*])")
    String master;

    @Option(names = "--verbose", description = "Spark's INFO logs")
    boolean verbose;

    /** Where fixed-point iteration stops: far below every distance the experiment looks at. */
    static final double TOLERANCE = 1e-9;

    @Override
    public Integer call() throws Exception {
        ExperimentTableWriter.Stopwatch clock = ExperimentTableWriter.Stopwatch.start();
        // 1. Validate everything before training and before Spark starts.
        // --train changes the defaults: later keys win, so parsing both as one text applies it on top (as FlowsCommand does).
        TrainSettings settings = TrainSettings.parse(DEFAULT_TRAIN + (train == null ? "" : ";" + train));
        if (seed != null) settings = settings.with("seed", seed.toString());
        double a = alpha != null ? InvalidParameterException.requirePositive("alpha", alpha) : Math.sqrt(D);
        TrainingSet data = TrainingSets.generate(new DatasetSpec(DatasetKind.ORTHOGONAL, N, D, 0, Norms.fixed(1), false), settings.seed());
        RampSumDenoiser closed = RampSumDenoiser.forData(data, a);
        if (!(sigma > 0 && sigma < closed.validBelow())) {
            throw new InvalidParameterException("sigma", sigma, "0 < σ < 1/(2α) = " + String.format(Locale.ROOT, "%.4f", closed.validBelow())
                    + ", where the closed form exists (ρ = ασ below half the edge length 1)");
        }
        InvalidParameterException.requirePositive("radius", radius);
        if (maxIterations < 1) throw new InvalidParameterException("max-iterations", maxIterations, "an integer ≥ 1");
        Output.requireWritableRoot(out);
        OutputRoot.check(out, false);

        // 2. Train and iterate (driver, one thread).
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "memsweep experiment virtual-points: orthogonal d=%d, apex + %d unit edges, σ=%s; closed form α=%.4f (ρ=%.4f)%n",
                D, N - 1, sigma, a, a * sigma);
        o.printf(Locale.ROOT, "training: %s%n", settings.canonical());
        o.flush();
        TrainResult trained = MinNormTrainer.train(data, sigma, settings, null);
        o.printf(Locale.ROOT, "trained: cost %.3f (closed form %.3f), largest residual %.4f (%s tolerance %s), %d Adam steps, %.1f s%n",
                trained.cost(), closed.cost(sigma), trained.maxResidual(), trained.metTolerance() ? "met" : "did not meet",
                settings.tolerance(), trained.adamSteps(), trained.seconds());
        o.flush();
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : List.of("trained", "closed-form")) {
            Denoiser h = name.equals("trained") ? trained.network() : closed;
            for (int k = 2; k <= 4; k++) {
                long t0 = System.nanoTime();
                VirtualPointStability.Result r = VirtualPointStability.run(h, sigma, data, k, radius, maxIterations, TOLERANCE);
                outcomes.add(new Outcome(name, r, (System.nanoTime() - t0) / 1e9));
            }
        }
        o.print(renderTable(outcomes, radius));
        o.flush();

        // 3. Write the table (the root's marker and lock as for a sweep).
        Instant created = Instant.now();
        String runId = SweepJob.newRunId(created);
        SparkSession spark = Spark.session("memsweep experiment virtual-points", master, verbose);
        Path table;
        try {
            List<Row> rows = new ArrayList<>();
            for (Outcome c : outcomes) rows.add(row(runId, created, c, settings, trained, closed, a));
            table = ExperimentTableWriter.append(spark, out, runId, SqlQuery.VIRTUAL_POINTS_TABLE,
                    org.memsweep.analysis.table.ExperimentTables.virtualPoints(), rows);
        } finally {
            spark.stop();
        }
        o.print(ExperimentTableWriter.summary(table, runId, out, "virtual_points", clock));
        o.flush();
        return 0;
    }

    /** One (denoiser, k) result and the seconds its iteration took. */
    record Outcome(String denoiser, VirtualPointStability.Result result, double seconds) {}

    /** The paper's fraction for order k (2, 3, 4). */
    static double paperFraction(int k) {
        return (double) PAPER_STABLE[k - 2] / VirtualPointStability.binomial(N - 1, k);
    }

    /** The printed table: stable / total, Wilson 95 %, the paper's fraction, where the unstable starts ended. */
    static String renderTable(List<Outcome> outcomes, double radius) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nstable = the end point of y <- h(y) lies within L∞ %s of the start%n", radius));
        b.append(String.format(Locale.ROOT, "%-12s %-11s %14s %8s %17s %8s %6s  %s%n", "denoiser", "starts", "stable/total", "fraction",
                "95% interval", "paper", "sec", "unstable ended at (apex/training/virtual/hyperbox/other/diverged; unconverged)"));
        for (Outcome c : outcomes) {
            VirtualPointStability.Result r = c.result();
            Wilson w = Wilson.of(r.stable(), r.total());
            StringBuilder ends = new StringBuilder();
            for (Category cat : Category.values()) ends.append(ends.length() == 0 ? "" : "/").append(r.unstable(cat));
            b.append(String.format(Locale.ROOT, "%-12s %-11s %14s %7.1f%% %7.1f%% – %5.1f%% %7.1f%% %6.1f  %s; %d%n", c.denoiser(),
                    ORDER_NAMES[r.k() - 2], r.stable() + "/" + r.total(), 100 * r.fraction(), 100 * w.lo(), 100 * w.hi(),
                    100 * paperFraction(r.k()), c.seconds(), ends, r.unconverged()));
        }
        return b.toString();
    }

    private static final String[] ORDER_NAMES = {"pairs", "triplets", "quadruplets"};


    /** One row; the training columns describe the network trained in this run, also on the closed form's rows (its comparison). */
    Row row(String runId, Instant created, Outcome c, TrainSettings s, TrainResult t, RampSumDenoiser closed, double alpha) {
        VirtualPointStability.Result r = c.result();
        Wilson w = Wilson.of(r.stable(), r.total());
        List<Object> v = new ArrayList<>(List.of(runId, Timestamp.from(created), c.denoiser(), r.k(), r.stable(), r.total(),
                r.fraction(), w.lo(), w.hi(), PAPER_STABLE[r.k() - 2], paperFraction(r.k())));
        for (Category cat : Category.values()) v.add(r.unstable(cat));
        v.addAll(List.of(r.unconverged(), r.iterations(), D, N, sigma, alpha, radius, maxIterations, s.canonical(),
                t.cost(), t.maxResidual(), t.adamSteps(), t.seconds(), t.metTolerance(), closed.cost(sigma), s.seed()));
        return RowFactory.create(v.toArray());
    }
}
