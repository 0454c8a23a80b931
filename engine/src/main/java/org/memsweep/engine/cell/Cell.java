package org.memsweep.engine.cell;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.classify.Classifier;
import org.memsweep.engine.classify.Endpoint;
import org.memsweep.engine.classify.FrameClassifier;
import org.memsweep.engine.classify.NearestPointClassifier;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.Rotation;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.data.TrainingSets;
import org.memsweep.engine.denoiser.Denoiser;
import org.memsweep.engine.denoiser.EmpiricalMmseDenoiser;
import org.memsweep.engine.denoiser.LevelNetworks;
import org.memsweep.engine.denoiser.RampSumDenoiser;
import org.memsweep.engine.denoiser.ReluNetwork;
import org.memsweep.engine.exact.CategoryProbabilities;
import org.memsweep.engine.flow.Flow;
import org.memsweep.engine.flow.KarrasSchedule;
import org.memsweep.engine.flow.ProbabilityFlow;
import org.memsweep.engine.flow.ScoreFlow;
import org.memsweep.engine.rng.Rng;
import org.memsweep.engine.rng.Seeds;
import org.memsweep.engine.run.BatchRunner;
import org.memsweep.engine.run.GaussianStarts;

/**
 * One cell, ready to run: its training set (science.md §2), denoisers (§3), flow (§4), start
 * distribution (§4.1) and classifier (§6), assembled from checked {@link CellParams} with every
 * "auto" parameter resolved by {@link AutoParams}; the exact prediction (§5) comes from
 * {@link ExactPrediction}. Parameters the cell does not use ({@link Param#appliesTo}) are not part
 * of its id. The classification measures its L∞ distances in
 * the data set's construction frame ({@code frame = data}, the random rotation undone) or in the
 * ambient frame ({@code frame = ambient}).
 * <p>Seeds: trajectory i uses {@link Seeds#trajectory}(master seed, hash of the resolved cell,
 * i); the training set uses a seed derived from the master seed and the data set's parameters
 * only, so cells that differ only in their flow share their training set. Not thread-safe: one
 * Cell per task.
 */
public final class Cell {
    private final CellParams resolved;
    private final String cellId;
    private final long cellHash;
    private final TrainingSet data;
    private final Flow flow;
    private final Classifier classifier;
    private final double[] startMean;
    private final double startScale;
    private final CategoryProbabilities exact;
    private final double[] y0, y1;
    /** The batched path of {@link #run(long, long)}, built on first use (its buffers are batch × d). */
    private BatchRunner runner;

    private Cell(CellParams p, boolean subspace, java.util.function.Function<TrainedLevels, ReluNetwork[]> bank) {
        boolean trainedHigh = p.highNoise() == HighNoise.TRAINED, trainedLow = p.lowNoise() == LowNoise.TRAINED;
        if ((trainedHigh || trainedLow) && bank == null) {
            throw new InvalidParameterException(trainedHigh ? "high-noise" : "low-noise", "trained", (trainedHigh ? "mmse or none" : "closed or mmse") + " here: "
                    + "trained networks come from the denoiser bank, which only memsweep sweep loads (memsweep bank builds the bank)");
        }
        DatasetSpec ds = new DatasetSpec(p.dataset(), p.n(), p.d(), p.kappa(), Norms.parse(p.norms()), p.rotation() == RotationKind.RANDOM);
        checkMemory(p);
        this.data = TrainingSets.generate(ds, Seeds.derive(p.seed(), "dataset", Seeds.fnv1a(ds.canonical())));
        Denoiser trained = trainedHigh || trainedLow ? trainedNetworks(p, bank) : null;
        Denoiser low = switch (p.lowNoise()) {
            case CLOSED -> RampSumDenoiser.forData(data, AutoParams.alpha(p));
            case MMSE -> new EmpiricalMmseDenoiser(data);
            case TRAINED -> trained;
        };
        KarrasSchedule schedule = new KarrasSchedule(p.sigmaMax(), p.sigmaMin(), p.steps(), p.karrasRho());
        Rotation rotation = data.rotation();
        CellParams r = AutoParams.resolve(p, ds, schedule, low.validBelow(), rotation != null);
        this.resolved = r;
        this.cellId = hashHex(r.canonical());
        this.cellHash = Long.parseUnsignedLong(cellId, 16);
        this.flow = switch (p.flow()) {
            // The given high-noise choice, also where no level uses it: it decides the flow's space.
            case PROBABILITY -> new ProbabilityFlow(schedule, p.solver(), switch (p.highNoise()) {
                case MMSE -> new EmpiricalMmseDenoiser(data);
                case NONE -> null;
                case TRAINED -> trained;
            }, low, r.sigmaSwitch(), subspace);
            case SCORE -> new ScoreFlow(low, r.sigma(), p.eta(), p.tol(), p.maxSteps(), subspace);
        };
        this.startMean = switch (p.startMean()) {
            case ORIGIN -> new double[p.d()];
            case DATA_MEAN -> data.mean();
            case BOX_CENTER -> data.boxCenter();
        };
        this.startScale = r.startScale();
        boolean undo = r.frame() == Frame.DATA && rotation != null;
        TrainingSet classified = undo ? data.constructionFrame() : data;
        Classifier inFrame = NearestPointClassifier.forData(classified, p.tau());
        this.classifier = undo ? new FrameClassifier(rotation, inFrame) : inFrame;
        double[] meanInFrame = startMean;
        if (undo) {
            meanInFrame = new double[p.d()];
            rotation.toFrame(startMean, meanInFrame);
        }
        this.exact = ExactPrediction.of(classified, meanInFrame, r, schedule);
        this.y0 = new double[p.d()];
        this.y1 = new double[p.d()];
    }

    /**
     * Refuses, before anything is allocated, a cell whose arrays cannot fit in this JVM's heap:
     * the training set, its construction-frame copy, the classifier's edges, the denoisers'
     * subspace data and scratch hold about 8 arrays of N × d doubles, a rotation 2 d × m more.
     */
    private static void checkMemory(CellParams p) {
        boolean rotate = p.rotation() == RotationKind.RANDOM;
        long n = p.n(), d = p.d();
        double bytes = 8.0 * (8.0 * n * d + (rotate ? 2.0 * d * n : 0) + 4.0 * p.steps() + 16.0 * d);
        Runtime rt = Runtime.getRuntime();
        double free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            boolean dBig = d >= n;
            throw new InvalidParameterException(dBig ? "d" : "n", dBig ? d : n, String.format(java.util.Locale.ROOT,
                    "a cell of N = %d, d = %d needs about %.1f GB (N × d arrays), but this JVM has %.1f GB free; "
                            + "lower n or d, or give Java more heap (-Xmx)", n, d, bytes / 1e9, free / 1e9));
        }
    }
    /** Builds a cell that integrates in the training points' subspace where its denoisers allow. */
    public static Cell build(CellParams params) {
        return new Cell(params, true, null);
    }

    /** Builds a cell; {@code subspace = false} integrates in R^d (for cross-checks). */
    public static Cell build(CellParams params, boolean subspace) {
        return new Cell(params, subspace, null);
    }

    /**
     * Builds a cell whose {@code trained} denoisers are networks from {@code bank}: given the cell's
     * {@link TrainedLevels}, it returns one network per level, in their order (e.g. looked up by
     * {@link org.memsweep.engine.bank.BankKey}). The networks are not subspace denoisers, so the
     * flow integrates in R^d. The cell's id names the training settings
     * (parameter {@code train}), so the bank must hand back networks trained with them.
     */
    public static Cell build(CellParams params, java.util.function.Function<TrainedLevels, ReluNetwork[]> bank) {
        return new Cell(params, true, java.util.Objects.requireNonNull(bank, "bank"));
    }

    /** The bank's networks for this cell's levels, checked: one per level, in R^d. */
    private static Denoiser trainedNetworks(CellParams p, java.util.function.Function<TrainedLevels, ReluNetwork[]> bank) {
        TrainedLevels t = TrainedLevels.of(p);
        ReluNetwork[] nets = bank.apply(t);
        if (nets == null || nets.length != t.levels().length) {
            throw new InvalidParameterException("bank", (nets == null ? 0 : nets.length) + " networks", "one network for each of the "
                    + t.levels().length + " levels of the cell's schedule that use trained networks (the schedule's levels and the bank's must match exactly)");
        }
        for (ReluNetwork n : nets) {
            if (n.dimension() != p.d()) {
                throw new InvalidParameterException("bank", "a network in R^" + n.dimension(), "networks in R^" + p.d() + " (the cell's d)");
            }
        }
        return new LevelNetworks(t.levels(), nets);
    }

    /** The parameters with every auto value resolved (these are what the tables record). */
    public CellParams params() {
        return resolved;
    }

    /** Stable id: the first 16 hex digits of SHA-256 of the resolved canonical parameters. */
    public String id() {
        return cellId;
    }

    public TrainingSet trainingSet() {
        return data;
    }

    /** The exact category probabilities (science.md §5) when they apply to this cell. */
    public Optional<CategoryProbabilities> exactPrediction() {
        return Optional.ofNullable(exact);
    }

    /** The seed of trajectory {@code seedIndex}. */
    public long seedOf(long seedIndex) {
        return Seeds.trajectory(resolved.seed(), cellHash, seedIndex);
    }

    /** Samples the start of trajectory {@code seedIndex} into y (length d). */
    public void start(long seedIndex, double[] y) {
        Rng rng = new Rng(seedOf(seedIndex));
        for (int i = 0; i < y.length; i++) y[i] = startMean[i] + startScale * rng.nextGaussian();
    }

    /** Runs trajectory {@code seedIndex} and classifies its endpoint; {@code end} (may be null) receives it. */
    public Trajectory run(long seedIndex, double[] end) {
        long t0 = System.nanoTime();
        start(seedIndex, y0);
        var outcome = flow.run(y0, y1);
        var endpoint = classifier.classify(y1);
        if (end != null) System.arraycopy(y1, 0, end, 0, y1.length);
        return new Trajectory(seedIndex, seedOf(seedIndex), endpoint, outcome.steps(), outcome.converged(), System.nanoTime() - t0);
    }

    /** Runs the flow from a given start and classifies its endpoint (for tests comparing cells start by start). */
    Endpoint runFrom(double[] start, double[] end) {
        flow.run(start, end);
        return classifier.classify(end);
    }

    /** Runs seed indices [from, to) in the engine's batches ({@link BatchRunner#batchSize}). */
    public List<Trajectory> run(long from, long to) {
        return run(from, to, 0);
    }

    /**
     * Runs seed indices [from, to) in batches of {@code batch} trajectories (0: the engine's choice).
     * The rows are the same bits for every batch size (§4: nothing mixes trajectories); the explicit
     * size exists so that tests through the whole sweep can show it.
     */
    public List<Trajectory> run(long from, long to, int batch) {
        if (from < 0 || to < from || to - from > MAX_RUN) {
            throw new InvalidParameterException("seeds", "[" + from + ", " + to + ")", "0 ≤ from ≤ to, at most " + MAX_RUN + " at a time");
        }
        if (batch < 0) throw new InvalidParameterException("batch", batch, "0 (the engine's choice) or an integer ≥ 1");
        int n = (int) (to - from);
        int b = batch == 0 ? BatchRunner.batchSize(flow) : batch;
        if (runner == null || runner.batch() != b) {
            runner = new BatchRunner(flow, classifier, new GaussianStarts(startMean, startScale, this::seedOf), b);
        }
        Endpoint[] endpoints = new Endpoint[n];
        int[] steps = new int[n];
        boolean[] converged = new boolean[n];
        long[] nanos = new long[n];
        runner.run(from, n, 0, endpoints, steps, converged, nanos, null);
        List<Trajectory> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) out.add(new Trajectory(from + k, seedOf(from + k), endpoints[k], steps[k], converged[k], nanos[k]));
        return out;
    }

    /** Most trajectories one {@link #run(long, long)} call returns (its result list is held in memory). */
    public static final int MAX_RUN = 1 << 20;

    /** The first 16 hex digits of SHA-256 of {@code text} (UTF-8): the project's stable ids (cells, bank entries). */
    public static String hashHex(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) sb.append(String.format("%02x", h[i]));
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
