package org.memsweep.engine.experiment;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.classify.Category;
import org.memsweep.engine.classify.Classifier;
import org.memsweep.engine.classify.Endpoint;
import org.memsweep.engine.classify.NearestPointClassifier;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.flow.Flow;
import org.memsweep.engine.rng.Seeds;
import org.memsweep.engine.run.BatchRunner;
import org.memsweep.engine.run.GaussianStarts;

/**
 * Score flow against probability flow from the same random starts (science.md §4 and §7, [Z25]'s
 * second experiment): every flow given to {@link #run} starts from the same {@code starts} points
 * y₀ ~ N(μ, s² I) and its endpoints are classified by §6 into the engine's {@link Category}s, with
 * the MANIFOLD endpoints on the hyperbox's boundary counted apart (the paper's "boundary").
 * <p>Seeds: start i is drawn from {@link Seeds#trajectory}(master seed, FNV-1a of {@code startKey}, i),
 * where {@code startKey} names what defines the starts (data set, μ, s); it does not depend on the flow,
 * so every flow sees exactly the same starts. Which denoisers the flows use (trained networks, closed
 * forms) is the caller's choice. Runs through the engine's batched path ({@link BatchRunner}); nothing
 * is allocated per step. Not thread-safe.
 */
public final class FlowComparison {
    private final TrainingSet data;
    private final Classifier classifier;
    private final double[] startMean;
    private final double startScale;
    private final long masterSeed, startHash;
    private final int starts;

    /**
     * Endpoint counts of one flow.
     *
     * @param starts      trajectories
     * @param byCategory  endpoints per {@link Category} (index = ordinal)
     * @param boundary    MANIFOLD endpoints with the boundary flag (§6 step 4)
     * @param unconverged flows that did not converge (score flow: step budget spent; probability flow: non-finite end)
     * @param byOrder     non-diverged endpoints per order of their nearest hyperbox vertex (index 0 … N−1)
     * @param steps       flow steps summed over all starts
     */
    public record Result(int starts, long[] byCategory, long boundary, long unconverged, long[] byOrder, long steps) {
        /** Endpoints of one category. */
        public long count(Category c) {
            return byCategory[c.ordinal()];
        }

        /** count(c) / starts. */
        public double fraction(Category c) {
            return (double) count(c) / starts;
        }

        /** APEX + TRAINING ({@link Category#isMemorized}). */
        public long memorized() {
            long m = 0;
            for (Category c : Category.values()) if (c.isMemorized()) m += count(c);
            return m;
        }
    }

    /**
     * @param data       the training set (hyperbox data: orthogonal or obtuse simplex, so that boundary is defined)
     * @param tau        the classification's L∞ tolerance τ (§6, &gt; 0)
     * @param startMean  μ (length d)
     * @param startScale s (&gt; 0)
     * @param masterSeed the master seed
     * @param startKey   a canonical text of what defines the starts (its hash enters every start's seed)
     * @param starts     how many starts (≥ 1)
     */
    public FlowComparison(TrainingSet data, double tau, double[] startMean, double startScale, long masterSeed, String startKey,
                          int starts) {
        if (!data.kind().isHyperbox()) {
            throw new InvalidParameterException("dataset", data.kind().key(), "hyperbox data (orthogonal or obtuse-simplex): "
                    + "the comparison counts endpoints on the hyperbox's boundary");
        }
        InvalidParameterException.requirePositive("tau", tau);
        InvalidParameterException.requirePositive("start-scale", startScale);
        if (startMean.length != data.dimension()) {
            throw new InvalidParameterException("start-mean", "a point in R^" + startMean.length, "a point in R^" + data.dimension());
        }
        if (starts < 1) throw new InvalidParameterException("starts", starts, "an integer ≥ 1");
        this.data = data;
        this.classifier = NearestPointClassifier.forData(data, tau);
        this.startMean = startMean.clone();
        this.startScale = startScale;
        this.masterSeed = masterSeed;
        this.startHash = Seeds.fnv1a(startKey);
        this.starts = starts;
    }

    /** The seed of start {@code i}: the same for every flow. */
    public long seedOf(long i) {
        return Seeds.trajectory(masterSeed, startHash, i);
    }

    /** Writes start {@code i} into y (length d), as every flow of {@link #run} sees it. */
    public void start(long i, double[] y) {
        new GaussianStarts(startMean, startScale, this::seedOf).sample(i, y, 0);
    }

    /** Runs {@code flow} (in R^d of the data) from every start and classifies its endpoints. */
    public Result run(Flow flow) {
        if (flow.dimension() != data.dimension()) {
            throw new InvalidParameterException("flow", "a flow in R^" + flow.dimension(), "a flow in R^" + data.dimension());
        }
        BatchRunner runner = new BatchRunner(flow, classifier, new GaussianStarts(startMean, startScale, this::seedOf));
        Endpoint[] ends = new Endpoint[starts];
        int[] steps = new int[starts];
        boolean[] converged = new boolean[starts];
        runner.run(0, starts, 0, ends, steps, converged, new long[starts], null);
        long[] by = new long[Category.values().length], order = new long[data.size()];
        long boundary = 0, unconverged = 0, stepSum = 0;
        for (int i = 0; i < starts; i++) {
            Endpoint e = ends[i];
            by[e.category().ordinal()]++;
            if (e.category() == Category.MANIFOLD && e.boundary()) boundary++;
            if (e.vertexOrder() >= 0) order[e.vertexOrder()]++;
            if (!converged[i]) unconverged++;
            stepSum += steps[i];
        }
        return new Result(starts, by, boundary, unconverged, order, stepSum);
    }
}
