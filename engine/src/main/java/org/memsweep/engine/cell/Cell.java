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
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.Rotation;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.data.TrainingSets;
import org.memsweep.engine.denoiser.Denoiser;
import org.memsweep.engine.denoiser.EmpiricalMmseDenoiser;
import org.memsweep.engine.denoiser.RampSumDenoiser;
import org.memsweep.engine.exact.CategoryProbabilities;
import org.memsweep.engine.exact.OrthogonalExact;
import org.memsweep.engine.flow.Flow;
import org.memsweep.engine.flow.KarrasSchedule;
import org.memsweep.engine.flow.ProbabilityFlow;
import org.memsweep.engine.flow.ScoreFlow;
import org.memsweep.engine.flow.Solver;
import org.memsweep.engine.rng.Rng;
import org.memsweep.engine.rng.Seeds;

/**
 * One cell, ready to run: its training set, denoisers, flow, start distribution and classifier,
 * built and validated from {@link CellParams}, with every "auto" parameter of its flow resolved:
 * α = √d; σ_switch = the largest schedule level below 0.95 σ_valid (science.md §4.1); the score
 * flow's σ = σ_valid/2; the start scale s = σ_max. Parameters the cell does not use
 * ({@link Param#appliesTo}) are not part of its id. The classification measures its L∞ distances in
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

    private Cell(CellParams p, boolean subspace) {
        DatasetKind kind = DatasetKind.parse(p.dataset());
        boolean rotate = switch (p.rotation()) {
            case "none" -> false;
            case "random" -> true;
            default -> throw new InvalidParameterException("rotation", p.rotation(), "one of none, random");
        };
        boolean dataFrame = switch (p.frame()) {
            case "data" -> true;
            case "ambient" -> false;
            default -> throw new InvalidParameterException("frame", p.frame(), "one of data, ambient");
        };
        DatasetSpec ds = new DatasetSpec(kind, p.n(), p.d(), p.kappa(), Norms.parse(p.norms()), rotate);
        if (ds.norms().hi() > Param.MAX_SCALE) {
            throw new InvalidParameterException("norms", p.norms(), "edge lengths ≤ " + Param.MAX_SCALE + " (squared distances must stay finite)");
        }
        double alpha = Double.isNaN(p.alpha()) ? Math.sqrt(p.d()) : InvalidParameterException.requirePositive("alpha", p.alpha());
        double tau = InvalidParameterException.requirePositive("tau", p.tau());
        // Every given value is checked, also of parameters this cell does not use: a value outside
        // its range is a mistake in the spec even where it would be ignored.
        if (!(p.eta() > 0 && p.eta() <= 1)) throw new InvalidParameterException("eta", p.eta(), "0 < η ≤ 1");
        InvalidParameterException.requirePositive("tol", p.tol());
        if (p.maxSteps() < 1) throw new InvalidParameterException("max-steps", p.maxSteps(), "an integer ≥ 1");
        if (!Double.isNaN(p.sigma())) requireSigma("sigma", p.sigma());
        requireSigma("sigma-max", p.sigmaMax());
        requireSigma("sigma-min", p.sigmaMin());
        if (!Double.isNaN(p.sigmaSwitch()) && !(p.sigmaSwitch() > 0)) {
            throw new InvalidParameterException("sigma-switch", p.sigmaSwitch(), "a number > 0, or auto");
        }
        if (!Double.isNaN(p.startScale()) && !(p.startScale() > 0 && p.startScale() <= Param.MAX_SCALE)) {
            throw new InvalidParameterException("start-scale", p.startScale(), "a number in (0, " + Param.MAX_SCALE
                    + "], or auto (beyond, squared distances of the starts overflow)");
        }
        checkMemory(p, rotate);
        this.data = TrainingSets.generate(ds, Seeds.derive(p.seed(), "dataset", Seeds.fnv1a(ds.canonical())));

        Denoiser low = switch (p.lowNoise()) {
            case "closed" -> RampSumDenoiser.forData(data, alpha);
            case "mmse" -> new EmpiricalMmseDenoiser(data);
            default -> throw new InvalidParameterException("low-noise", p.lowNoise(), "one of closed, mmse");
        };
        Denoiser high = switch (p.highNoise()) {
            case "mmse" -> new EmpiricalMmseDenoiser(data);
            case "none" -> null;
            case "trained" -> throw new InvalidParameterException("high-noise", "trained",
                    "mmse or none: trained networks need a denoiser bank, which this version does not build yet");
            default -> throw new InvalidParameterException("high-noise", p.highNoise(), "one of mmse, none");
        };
        KarrasSchedule schedule = new KarrasSchedule(p.sigmaMax(), p.sigmaMin(), p.steps(), p.karrasRho());
        double sigmaValid = low.validBelow();
        double sigmaSwitch = p.sigmaSwitch();
        double sigma = p.sigma();
        Solver solver = Solver.parse(p.solver());
        // Only this cell's own flow resolves its auto settings: the other flow's do not apply to it
        // (they are recorded as null, see Param#appliesTo).
        switch (p.flow()) {
            case "probability" -> {
                if (Double.isNaN(sigmaSwitch)) sigmaSwitch = defaultSwitch(schedule, sigmaValid);
                this.flow = new ProbabilityFlow(schedule, solver, high, low, sigmaSwitch, subspace);
            }
            case "score" -> {
                if (Double.isNaN(sigma)) {
                    if (!Double.isFinite(sigmaValid)) {
                        throw new InvalidParameterException("sigma", "auto", "an explicit σ > 0 for a score flow whose "
                                + "low-noise denoiser (" + p.lowNoise() + ") has no validity limit to take half of");
                    }
                    sigma = sigmaValid / 2;
                }
                this.flow = new ScoreFlow(low, sigma, p.eta(), p.tol(), p.maxSteps(), subspace);
            }
            default -> throw new InvalidParameterException("flow", p.flow(), "one of probability, score");
        }
        this.startMean = switch (p.startMean()) {
            case "origin" -> new double[p.d()];
            case "data-mean" -> data.mean();
            case "box-center" -> data.boxCenter();
            default -> throw new InvalidParameterException("start-mean", p.startMean(), "one of origin, data-mean, box-center");
        };
        this.startScale = Double.isNaN(p.startScale()) ? schedule.sigmaMax() : p.startScale();
        // Without a rotation the construction frame is the ambient frame: both values name the same
        // classification, recorded as "data" so that they do not split cells.
        Rotation rotation = data.rotation();
        boolean undo = dataFrame && rotation != null;
        TrainingSet classified = undo ? data.constructionFrame() : data;
        Classifier inFrame = NearestPointClassifier.forData(classified, tau);
        this.classifier = undo ? new FrameClassifier(rotation, inFrame) : inFrame;
        CellParams r = p.with("alpha", alpha).with("sigma-switch", sigmaSwitch).with("sigma", sigma)
                .with("start-scale", startScale).with("norms", ds.norms().toString())
                .with("frame", rotation == null ? "data" : p.frame());
        // Parameters this cell does not use take their defaults, so that equal ids mean equal records.
        for (Param q : Param.values()) if (!q.appliesTo(r)) r = r.with(q.key(), q.defaultValue());
        this.resolved = r;
        this.cellId = hashHex(resolved.canonical());
        this.cellHash = Long.parseUnsignedLong(cellId, 16);
        double[] meanInFrame = startMean;
        if (undo) {
            meanInFrame = new double[p.d()];
            rotation.toFrame(startMean, meanInFrame);
        }
        this.exact = exactPrediction(classified, meanInFrame, p, schedule, alpha, sigmaSwitch, tau);
        this.y0 = new double[p.d()];
        this.y1 = new double[p.d()];
    }

    private static void requireSigma(String key, double v) {
        if (!(v >= Param.MIN_SIGMA && v <= Param.MAX_SCALE)) {
            throw new InvalidParameterException(key, v, "a finite number > 0 from " + Param.MIN_SIGMA + " to " + Param.MAX_SCALE
                    + " (beyond, 1/σ² or squared distances overflow)");
        }
    }

    /**
     * Refuses, before anything is allocated, a cell whose arrays cannot fit in this JVM's heap:
     * the training set, its construction-frame copy, the classifier's edges, the denoisers'
     * subspace data and scratch hold about 8 arrays of N × d doubles, a rotation 2 d × m more.
     */
    private static void checkMemory(CellParams p, boolean rotate) {
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
        return new Cell(params, true);
    }

    /** Builds a cell; {@code subspace = false} integrates in R^d (for cross-checks). */
    public static Cell build(CellParams params, boolean subspace) {
        return new Cell(params, subspace);
    }

    private static double defaultSwitch(KarrasSchedule schedule, double sigmaValid) {
        if (!Double.isFinite(sigmaValid)) return Double.POSITIVE_INFINITY;
        double limit = 0.95 * sigmaValid;
        for (double s : schedule.sigmas()) if (s < limit) return s;
        throw new InvalidParameterException("sigma-min", schedule.sigmaMin(), "σ_min < 0.95 σ_valid = " + limit
                + " so that some levels use the low-noise closed form (or choose low-noise = mmse)");
    }

    /**
     * The exact prediction for the classification in {@code classified}'s frame: it applies when that
     * frame is axis-aligned orthogonal data (the construction frame of rotated orthogonal data too: the
     * flow commutes with the rotation and the start distribution is rotated with its mean).
     */
    private CategoryProbabilities exactPrediction(TrainingSet classified, double[] startMean, CellParams p, KarrasSchedule schedule,
                                                  double alpha, double sigmaSwitch, double tau) {
        TrainingSet data = classified;
        if (!data.isAxisAlignedOrthogonal() || !p.lowNoise().equals("closed")) return null;
        double[] e0 = data.apex();
        double[][] edges = data.edges();
        int m = edges.length;
        double[] len = new double[m], mean = new double[m];
        for (int k = 0; k < m; k++) {
            double l = 0, t = 0;
            for (int i = 0; i < edges[k].length; i++) {
                l += edges[k][i] * edges[k][i];
                t += edges[k][i] * (startMean[i] - e0[i]);
            }
            len[k] = Math.sqrt(l);
            mean[k] = t / len[k];
        }
        if (p.flow().equals("score")) return OrthogonalExact.scoreFlow(len, p.d(), tau, mean, startScale);
        if (schedule.sigmaMax() > sigmaSwitch) return null; // a high-noise denoiser acts: no closed form
        return OrthogonalExact.probabilityFlow(len, p.d(), alpha, schedule.sigmaMax(), schedule.sigmaMin(), tau, mean, startScale);
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

    /** Runs seed indices [from, to). */
    public List<Trajectory> run(long from, long to) {
        if (from < 0 || to < from) throw new InvalidParameterException("seeds", "[" + from + ", " + to + ")", "0 ≤ from ≤ to");
        List<Trajectory> out = new ArrayList<>((int) Math.min(to - from, 1 << 20));
        for (long i = from; i < to; i++) out.add(run(i, null));
        return out;
    }

    static String hashHex(String text) {
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
