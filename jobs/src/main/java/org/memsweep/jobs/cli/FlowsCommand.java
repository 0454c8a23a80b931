package org.memsweep.jobs.cli;

import static org.memsweep.analysis.table.Columns.ADAM_STEPS;
import static org.memsweep.analysis.table.Columns.COST;
import static org.memsweep.analysis.table.Columns.MAX_RESIDUAL;
import static org.memsweep.analysis.table.Columns.MET_TOLERANCE;
import static org.memsweep.analysis.table.Columns.TRAIN_SECONDS;

import java.io.PrintWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.memsweep.analysis.stat.Wilson;
import org.memsweep.analysis.table.SqlQuery;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.bank.NetworkArrays;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.StartMean;
import org.memsweep.engine.cell.TrainedLevels;
import org.memsweep.engine.classify.Category;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.denoiser.EmpiricalMmseDenoiser;
import org.memsweep.engine.denoiser.LevelNetworks;
import org.memsweep.engine.denoiser.RampSumDenoiser;
import org.memsweep.engine.denoiser.ReluNetwork;
import org.memsweep.engine.experiment.FlowComparison;
import org.memsweep.engine.flow.Flow;
import org.memsweep.engine.flow.KarrasSchedule;
import org.memsweep.engine.flow.ProbabilityFlow;
import org.memsweep.engine.flow.ScoreFlow;
import org.memsweep.engine.flow.Solver;
import org.memsweep.engine.train.TrainSettings;
import org.memsweep.jobs.bank.BankJob;
import org.memsweep.jobs.bank.BankNetworks;
import org.memsweep.jobs.bank.BankPlan;
import org.memsweep.jobs.bank.BankTable;
import org.memsweep.jobs.sweep.OutputRoot;
import org.memsweep.jobs.sweep.SweepJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code memsweep experiment flows}: [Z25]'s second experiment (science.md §7). Orthogonal data,
 * d = 30, apex + 30 unit edges; the same random starts run through the score flow at one σ (§4,
 * σ_valid/2 by default, §4.1) and the probability flow (a short Karras schedule), each with trained
 * min-norm networks (§3.4) and, as the reference, without training (closed form; the probability flow
 * with the empirical MMSE above σ_switch, §3.2, where no closed form exists). Endpoints are classified
 * by §6 ({@link FlowComparison}).
 * <p>Which networks: the probability flow uses trained networks at the levels above σ_switch (its
 * cell has {@code high-noise: trained}) and the closed form at and below σ_switch, where the closed
 * form exists and is the min-norm denoiser a trained network approximates (§3.1); the score flow uses
 * one network trained at its σ. Both come from the denoiser bank {@code <out>/bank} (one warm-start
 * chain for the probability flow's levels, one single-level chain for the score flow's σ; two Spark
 * tasks that run side by side), so a rerun with the same settings reuses them. The two have their own
 * training settings ({@code --train}, {@code --train-score}): few copies keep the probability flow's
 * high levels interpolable, many keep the score flow's network a fit of whole balls. Networks that miss
 * their tolerance are used, and their residuals recorded.
 * <p>One row per (flow, denoiser) is appended to {@value SqlQuery#FLOWS_TABLE} (view {@code flows}).
 */
@Command(name = "flows", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score flow against probability flow (the paper's second experiment): orthogonal data, d = 30, apex + 30 unit "
                + "edges, the same random starts through both flows, with trained min-norm networks from the bank (<out>/bank; "
                + "trained first when missing) and without training (closed form; MMSE above σ_switch for the probability flow), "
                + "beside the paper's statement: the score flow ends mostly at virtual points, the probability flow more often at "
                + "training points and on the hyperbox's boundary.",
                "Appends one row per (flow, denoiser) to <out>/" + SqlQuery.FLOWS_TABLE + " (view flows in 'memsweep sql')."})
public final class FlowsCommand implements Callable<Integer> {
    /** d and N of the paper's experiment. */
    static final int D = 30, N = 31;

    /**
     * Training settings unless --train changes them: those of the paper-fig3-trained preset. Ten
     * copies per point keep N·M·d (9 300) below a width-256 network's 16.5k parameters, so every
     * level can interpolate its samples (with 100 copies no network of this width can at σ ≳ 1);
     * tolerance 0.02 of an edge, at most 3 000 Adam steps a level.
     */
    static final String DEFAULT_TRAIN = "width=256;copies=10;tolerance=0.02;max-steps=3000";

    /**
     * The score flow's network unless --train-score changes it: the low-noise network of experiment
     * virtual-points (100 copies on the spheres ∂B(x_n, σ√d), which pin the ramps to whole balls;
     * 8 000 Adam steps). The score flow iterates its network until it stops moving, so it needs a good
     * one: measured, 10 Gaussian copies sent all 500 starts off to infinity, and the same sphere
     * samples with 4 000 steps (residual 0.21) ended only 35 % of them at virtual points.
     */
    static final String DEFAULT_TRAIN_SCORE = VirtualPointsCommand.DEFAULT_TRAIN;

    /** What the paper says (science.md §7). */
    static final String PAPER = "the score flow ends mostly at virtual points; the probability flow ends more often at training points "
            + "and on the hyperbox's boundary";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "<path>", description = "output root (a new folder, or one memsweep wrote); networks go to its bank/ (default: ${DEFAULT-VALUE})",
            defaultValue = "results")
    String out;

    @Option(names = "--starts", paramLabel = "<count>", description = "random starts, the same for both flows (default: ${DEFAULT-VALUE})", defaultValue = "500")
    int starts;

    @Option(names = "--seed", paramLabel = "<long>", description = "master seed of the starts (and of the training set, as in a sweep) (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    long seed;

    @Option(names = "--sigma-max", paramLabel = "<σ>", description = "probability flow: first level (default: ${DEFAULT-VALUE})", defaultValue = "2")
    double sigmaMax;

    @Option(names = "--sigma-min", paramLabel = "<σ>", description = "probability flow: last level (default: ${DEFAULT-VALUE})", defaultValue = "0.002")
    double sigmaMin;

    @Option(names = "--steps", paramLabel = "<K>", description = "probability flow: Karras levels; those above σ_switch get trained networks "
            + "(default: ${DEFAULT-VALUE}: 9 of them, 2 … 0.0895)", defaultValue = "15")
    int steps;

    @Option(names = "--karras-rho", paramLabel = "<ϱ>", description = "probability flow: Karras exponent (default: ${DEFAULT-VALUE})", defaultValue = "7")
    double karrasRho;

    @Option(names = "--sigma", paramLabel = "<σ>", description = "score flow: noise level of its network and closed form (default: σ_valid/2 = 1/(4√30) ≈ 0.0456)")
    Double sigma;

    @Option(names = "--eta", paramLabel = "<η>", description = "score flow: Euler step (default: ${DEFAULT-VALUE})", defaultValue = "0.5")
    double eta;

    @Option(names = "--tol", paramLabel = "<tol>", description = "score flow: stops once ‖h(y) − y‖∞ < tol (default: ${DEFAULT-VALUE})", defaultValue = "1e-6")
    double tol;

    @Option(names = "--max-steps", paramLabel = "<count>", description = "score flow: step budget (default: ${DEFAULT-VALUE})", defaultValue = "10000")
    int maxSteps;

    @Option(names = "--start-mean", paramLabel = "<μ>", description = "starts y ~ N(μ, s²I): origin, data-mean or box-center (default: ${DEFAULT-VALUE})",
            defaultValue = "origin")
    String startMean;

    @Option(names = "--start-scale", paramLabel = "<s>", description = "starts' spread s (default: σ_max, the variance-exploding convention)")
    Double startScale;

    @Option(names = "--tau", paramLabel = "<τ>", description = "classification tolerance in L∞ (default: ${DEFAULT-VALUE})", defaultValue = "0.2")
    double tau;

    @Option(names = "--train", paramLabel = "<k=v;…>", description = "training settings changed from the experiment's " + DEFAULT_TRAIN
            + " (keys: " + TrainSettings.KEYS + ")")
    String train;

    @Option(names = "--train-score", paramLabel = "<k=v;…>", description = "the score flow's network: training settings changed from "
            + DEFAULT_TRAIN_SCORE)
    String trainScore;

    @Option(names = "--master", paramLabel = "<url>", description = "Spark master for training the networks and writing the table (default: local[*])")
    String master;

    @Option(names = "--verbose", description = "Spark's INFO logs")
    boolean verbose;

    /** Most starts: the comparison holds every endpoint's classification in memory. */
    static final int MAX_STARTS = 1_000_000;

    @Override
    public Integer call() throws Exception {
        ExperimentTableWriter.Stopwatch clock = ExperimentTableWriter.Stopwatch.start();
        // 1. Validate everything before training and before Spark starts.
        Setup s = setup();
        MasterUrl.check(master);
        Output.requireWritableRoot(out);
        OutputRoot.check(out, false);

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "memsweep experiment flows: orthogonal d=%d, apex + %d unit edges; %d starts N(%s, %s²·I), master seed %d%n",
                D, N - 1, starts, s.mean().key(), num(s.startScale()), seed);
        o.printf(Locale.ROOT, "score flow: σ=%s, η=%s, tol=%s, max-steps=%d; probability flow: Euler, K=%d, σ %s → %s, ϱ=%s, "
                        + "%d trained levels above σ_switch=%s, closed form (α=√30) at and below%n",
                num(s.sigma()), num(eta), num(tol), maxSteps, steps, num(sigmaMax), num(sigmaMin), num(karrasRho),
                s.levels().levels().length, num(s.sigmaSwitch()));
        o.printf(Locale.ROOT, "training: probability flow %s; score flow %s%n", s.settings().canonical(), s.scoreSettings().canonical());
        o.flush();

        SoftwareFma.warn("memsweep experiment flows", System.err);
        Instant created = Instant.now();
        String runId = SweepJob.newRunId(created);
        SparkSession spark = Spark.session("memsweep experiment flows", master, verbose);
        Path table;
        try {
            // 2. The networks: from the bank, trained first where missing (two chains, side by side).
            BankJob.Result b = new BankJob(spark).run(s.plan(), out, System.err);
            o.println("bank: " + b.summary());
            Path root = new Path(out);
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Map<String, Row> bank = BankTable.read(spark, fs, root, s.plan().keys());
            Map<String, NetworkArrays> arrays = new HashMap<>();
            for (Map.Entry<String, Row> e : bank.entrySet()) arrays.put(e.getKey(), BankTable.network(e.getValue()));
            Map<String, ReluNetwork> decoded = new HashMap<>();
            ReluNetwork[] probNets = BankNetworks.networks(s.probability(), s.levels(), arrays, decoded);
            ReluNetwork scoreNet = BankNetworks.networks(s.score(), s.scoreLevel(), arrays, decoded)[0];
            List<Network> nets = new ArrayList<>();
            nets.add(network("score", s.scoreLevel().levels()[0], BankNetworks.keys(s.score(), s.scoreLevel())[0], bank));
            String[] keys = BankNetworks.keys(s.probability(), s.levels());
            for (int i = 0; i < keys.length; i++) nets.add(network("probability", s.levels().levels()[i], keys[i], bank));
            o.print(renderNetworks(nets));
            o.flush();

            // 3. The flows (driver, one thread), all from the same starts.
            TrainingSet data = s.levels().trainingSet();
            RampSumDenoiser closed = RampSumDenoiser.forData(data, Math.sqrt(D));
            KarrasSchedule schedule = new KarrasSchedule(sigmaMax, sigmaMin, steps, karrasRho);
            double[] mean = switch (s.mean()) {
                case ORIGIN -> new double[D];
                case DATA_MEAN -> data.mean();
                case BOX_CENTER -> data.boxCenter();
            };
            FlowComparison cmp = new FlowComparison(data, tau, mean, s.startScale(), seed,
                    "flows|" + s.levels().data().canonical() + "|" + s.mean().key() + "|" + s.startScale(), starts);
            List<Outcome> outcomes = new ArrayList<>();
            outcomes.add(run(cmp, "score", "trained", new ScoreFlow(scoreNet, s.sigma(), eta, tol, maxSteps, true), nets.subList(0, 1)));
            outcomes.add(run(cmp, "probability", "trained", new ProbabilityFlow(schedule, Solver.EULER,
                    new LevelNetworks(s.levels().levels(), probNets), closed, s.sigmaSwitch(), true), nets.subList(1, nets.size())));
            outcomes.add(run(cmp, "score", "closed-form", new ScoreFlow(closed, s.sigma(), eta, tol, maxSteps, true), List.of()));
            outcomes.add(run(cmp, "probability", "closed-form", new ProbabilityFlow(schedule, Solver.EULER,
                    new EmpiricalMmseDenoiser(data), closed, s.sigmaSwitch(), true), List.of()));
            o.print(renderTable(outcomes));
            o.print(renderComparison(outcomes));
            o.flush();

            // 4. The table (the root's marker and lock as for a sweep).
            List<Row> rows = new ArrayList<>();
            for (Outcome c : outcomes) rows.add(row(runId, created, c, s));
            table = ExperimentTableWriter.append(spark, out, runId, SqlQuery.FLOWS_TABLE, org.memsweep.analysis.table.ExperimentTables.flows(), rows);
        } finally {
            spark.stop();
        }
        o.print(ExperimentTableWriter.summary(table, runId, out, "flows", clock));
        o.flush();
        return 0;
    }

    /**
     * The checked settings: the probability flow as a cell with {@code high-noise: trained} (its
     * {@link TrainedLevels} are the levels above σ_switch) and the score flow's network as a
     * one-level chain of its own.
     */
    record Setup(TrainSettings settings, TrainSettings scoreSettings, StartMean mean, double startScale, double sigma, CellParams probability, TrainedLevels levels,
                 double sigmaSwitch, CellParams score, TrainedLevels scoreLevel, BankPlan plan) {}

    Setup setup() {
        TrainSettings settings = TrainSettings.parse(DEFAULT_TRAIN + (train == null ? "" : ";" + train));
        TrainSettings scoreSettings = TrainSettings.parse(DEFAULT_TRAIN_SCORE + (trainScore == null ? "" : ";" + trainScore));
        if (starts < 1 || starts > MAX_STARTS) throw new InvalidParameterException("starts", starts, "an integer from 1 to " + MAX_STARTS);
        StartMean mean = StartMean.parse(startMean);
        double scale = startScale == null ? sigmaMax : InvalidParameterException.requirePositive("start-scale", startScale);
        InvalidParameterException.requirePositive("tau", tau);
        Map<String, Object> prob = cell(settings);
        prob.put("sigma-max", sigmaMax);
        prob.put("sigma-min", sigmaMin);
        prob.put("steps", steps);
        prob.put("karras-rho", karrasRho);
        CellParams p = CellParams.fromMap(prob);
        // The schedule must pass the sweep's checks (levels, σ_switch below σ_valid) before anything is trained.
        KarrasSchedule schedule = new KarrasSchedule(sigmaMax, sigmaMin, steps, karrasRho);
        TrainedLevels levels = TrainedLevels.of(p);
        if (levels.isEmpty()) {
            throw new InvalidParameterException("sigma-max", sigmaMax, "σ_max ≥ 0.95 σ_valid ≈ 0.0867 (σ_valid = 1/(2√30)), so that "
                    + "some levels lie above σ_switch and use trained networks (every level of this schedule uses the closed form)");
        }
        // Levels at and below σ_switch use the closed form: the first level after the trained ones is σ_switch itself.
        double sw = schedule.sigmas()[levels.levels().length];
        TrainingSet data = levels.trainingSet();
        RampSumDenoiser closed = RampSumDenoiser.forData(data, Math.sqrt(D));
        double sg = sigma == null ? closed.validBelow() / 2 : sigma;
        if (!(sg > 0 && sg < closed.validBelow())) {
            throw new InvalidParameterException("sigma", sg, "0 < σ < σ_valid = 1/(2√30) = " + String.format(Locale.ROOT, "%.4f", closed.validBelow())
                    + ", where the score flow's closed-form reference exists");
        }
        if (!(eta > 0 && eta <= 1)) throw new InvalidParameterException("eta", eta, "0 < η ≤ 1");
        InvalidParameterException.requirePositive("tol", tol);
        if (maxSteps < 1) throw new InvalidParameterException("max-steps", maxSteps, "an integer ≥ 1");
        // The score flow's network as the bank knows networks: a chain of the one level σ (a two-level schedule σ → σ/2
        // whose only level above σ_switch = σ/2 is σ); its key depends on the training set, σ, the settings and that chain only.
        Map<String, Object> sc = cell(scoreSettings);
        sc.put("sigma-max", sg);
        sc.put("sigma-min", sg / 2);
        sc.put("steps", 2);
        sc.put("sigma-switch", sg / 2);
        CellParams q = CellParams.fromMap(sc);
        TrainedLevels scoreLevel = TrainedLevels.of(q);
        BankPlan plan = BankPlan.forCells(List.of(sc, prob));
        return new Setup(settings, scoreSettings, mean, scale, sg, p, levels, sw, q, scoreLevel, plan);
    }

    /** A probability-flow cell of the experiment's data with trained networks above σ_switch. */
    private Map<String, Object> cell(TrainSettings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", "orthogonal");
        m.put("n", N);
        m.put("d", D);
        m.put("flow", "probability");
        m.put("high-noise", "trained");
        m.put("low-noise", "closed");
        m.put("train", settings.canonical());
        m.put("allow-untolerated", "yes");
        m.put("seed", seed);
        return m;
    }

    /** One bank network as the experiment reports it. */
    record Network(String flow, double sigma, String key, double cost, double residual, long steps, double seconds, boolean met) {}

    private static Network network(String flow, double sigma, String key, Map<String, Row> bank) {
        Row r = bank.get(key);
        return new Network(flow, sigma, key, r.<Double>getAs(COST), r.<Double>getAs(MAX_RESIDUAL), r.<Long>getAs(ADAM_STEPS),
                r.<Double>getAs(TRAIN_SECONDS), r.<Boolean>getAs(MET_TOLERANCE));
    }

    /** One (flow, denoiser) result, the networks it used and the seconds its flows took. */
    record Outcome(String flow, String denoiser, FlowComparison.Result result, List<Network> networks, double seconds) {}

    private static Outcome run(FlowComparison cmp, String flow, String denoiser, Flow f, List<Network> nets) {
        long t0 = System.nanoTime();
        FlowComparison.Result r = cmp.run(f);
        return new Outcome(flow, denoiser, r, nets, (System.nanoTime() - t0) / 1e9);
    }

    static String renderNetworks(List<Network> nets) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-12s %9s %9s %9s %6s %8s  %s%n", "network for", "σ", "cost",
                "residual", "steps", "seconds", "tolerance"));
        for (Network n : nets) {
            b.append(String.format(Locale.ROOT, "%-12s %9.4g %9.3f %9.4f %6d %8.1f  %s%n", n.flow(), n.sigma(), n.cost(), n.residual(),
                    n.steps(), n.seconds(), n.met() ? "met" : "missed"));
        }
        return b.toString();
    }

    static String renderTable(List<Outcome> outcomes) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%n%-12s %-12s %6s %7s %8s %8s %8s %8s %7s %8s %10s %11s %6s%n",
                "flow", "denoiser", "starts", "apex", "training", "virtual", "manifold", "boundary", "other", "diverged",
                "memorized", "unconverged", "sec"));
        for (Outcome c : outcomes) {
            FlowComparison.Result r = c.result();
            b.append(String.format(Locale.ROOT, "%-12s %-12s %6d %7.3f %8.3f %8.3f %8.3f %8.3f %7.3f %8.3f %10.3f %11d %6.1f%n", c.flow(),
                    c.denoiser(), r.starts(), r.fraction(Category.APEX), r.fraction(Category.TRAINING), r.fraction(Category.VIRTUAL),
                    r.fraction(Category.MANIFOLD), (double) r.boundary() / r.starts(), r.fraction(Category.OTHER),
                    r.fraction(Category.DIVERGED), (double) r.memorized() / r.starts(), r.unconverged(), c.seconds()));
        }
        b.append("fractions of the starts; boundary = the MANIFOLD endpoints on the hyperbox's boundary; memorized = apex + training\n");
        return b.toString();
    }

    /** The paper's three statements, each checked on this run's rows of each denoiser. */
    static String renderComparison(List<Outcome> outcomes) {
        StringBuilder b = new StringBuilder("\npaper: " + PAPER + "\n");
        for (String den : List.of("trained", "closed-form")) {
            FlowComparison.Result sc = find(outcomes, "score", den), pr = find(outcomes, "probability", den);
            if (sc == null || pr == null) continue;
            double virtual = sc.fraction(Category.VIRTUAL);
            double mp = (double) pr.memorized() / pr.starts(), ms = (double) sc.memorized() / sc.starts();
            double bp = (double) pr.boundary() / pr.starts(), bs = (double) sc.boundary() / sc.starts();
            b.append(String.format(Locale.ROOT, "%-12s score flow mostly at virtual points: %.3f (%s); probability flow more often at "
                            + "training points: %.3f vs %.3f (%s); on the boundary: %.3f vs %.3f (%s)%n", den, virtual,
                    virtual > 0.5 ? "yes" : "no", mp, ms, mp > ms ? "yes" : "no", bp, bs, bp > bs ? "yes" : "no"));
        }
        return b.toString();
    }

    private static FlowComparison.Result find(List<Outcome> outcomes, String flow, String denoiser) {
        for (Outcome c : outcomes) if (c.flow().equals(flow) && c.denoiser().equals(denoiser)) return c.result();
        return null;
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.6g", x).replaceAll("\\.?0+$", "").replaceAll("\\.?0+e", "e");
    }


    Row row(String runId, Instant created, Outcome c, Setup s) {
        FlowComparison.Result r = c.result();
        boolean score = c.flow().equals("score"), trained = c.denoiser().equals("trained");
        List<Object> v = new ArrayList<>(List.of(runId, Timestamp.from(created), c.flow(), c.denoiser(), r.starts()));
        for (Category cat : Category.values()) v.add(r.count(cat));
        v.add(r.boundary());
        v.add(r.memorized());
        for (Category cat : Category.values()) v.add(r.fraction(cat));
        Wilson w = Wilson.of(r.memorized(), r.starts());
        v.addAll(List.of((double) r.boundary() / r.starts(), (double) r.memorized() / r.starts(), w.lo(), w.hi(), r.unconverged(),
                (double) r.steps() / r.starts(), c.seconds(), PAPER, D, N));
        v.add(score ? s.sigma() : null);
        v.add(score ? eta : null);
        v.add(score ? tol : null);
        v.add(score ? maxSteps : null);
        v.add(score ? null : sigmaMax);
        v.add(score ? null : sigmaMin);
        v.add(score ? null : steps);
        v.add(score ? null : karrasRho);
        v.add(score ? null : s.sigmaSwitch());
        v.add(score ? null : trained ? "trained" : "mmse");
        v.add(score && trained ? "trained" : "closed");
        v.addAll(List.of(s.mean().key(), s.startScale(), tau, Math.sqrt(D), seed, (score ? s.scoreSettings() : s.settings()).canonical()));
        List<Network> nets = c.networks();
        v.add(list(nets.stream().map(Network::sigma).toArray()));
        v.add(list(nets.stream().map(Network::key).toArray()));
        v.add(list(nets.stream().map(Network::cost).toArray()));
        v.add(list(nets.stream().map(Network::residual).toArray()));
        v.add(list(nets.stream().map(Network::steps).toArray()));
        v.add(list(nets.stream().map(Network::seconds).toArray()));
        v.add(list(nets.stream().map(Network::met).toArray()));
        return RowFactory.create(v.toArray());
    }

    /** An array column's value (Spark converts a java.util.List). */
    private static Object list(Object[] values) {
        return java.util.Arrays.asList(values);
    }
}
