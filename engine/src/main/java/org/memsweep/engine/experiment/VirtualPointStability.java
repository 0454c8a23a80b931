package org.memsweep.engine.experiment;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.classify.Category;
import org.memsweep.engine.classify.Endpoint;
import org.memsweep.engine.classify.Classifier;
import org.memsweep.engine.classify.NearestPointClassifier;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.denoiser.Denoiser;

/**
 * Are the virtual points fixed points a denoiser keeps (science.md §3.1 and §7, [Z25]'s first
 * experiment)? For every set S of k edges of orthogonal data, fixed-point iteration y ← h_σ(y)
 * from the virtual point v_S = x₀ + Σ_{n∈S} e_n until ‖h(y) − y‖∞ ≤ tolerance or the iteration
 * budget is spent; the start counts as <em>stable</em> when the end point lies within L∞
 * {@code radius} of v_S. Unstable end points are classified like flow endpoints (§6, with τ =
 * radius): their category and the order of their nearest hyperbox vertex say where they went.
 * <p>
 * Subsets are visited in lexicographic order and each one is independent, so the result depends
 * on h, σ and the settings alone. Cost: C(N−1, k) starts × iterations × one evaluation of h; the
 * iteration allocates nothing (two buffers swapped), the classification of an unstable end point
 * one small record.
 */
public final class VirtualPointStability {
    /** Most starts one call enumerates: C(N−1, k) above it is refused rather than run for hours. */
    public static final long MAX_SUBSETS = 10_000_000L;

    /**
     * The stability of the virtual points of one order k.
     *
     * @param k            edges per start (2 pairs, 3 triplets, 4 quadruplets)
     * @param stable       starts whose end point is within the radius of the start
     * @param total        starts, C(N−1, k)
     * @param unconverged  starts whose iteration spent the budget without ‖h(y) − y‖∞ ≤ tolerance
     *                     (stable or not)
     * @param iterations   evaluations of h summed over all starts
     * @param unstableBy   unstable end points per {@link Category} (index = ordinal), classified with τ = radius
     * @param unstableOrder unstable, finite end points per order of their nearest hyperbox vertex (index 0 … N−1)
     */
    public record Result(int k, long stable, long total, long unconverged, long iterations, long[] unstableBy,
                         long[] unstableOrder) {
        /** stable / total. */
        public double fraction() {
            return total == 0 ? Double.NaN : (double) stable / total;
        }

        /** Unstable end points of one category. */
        public long unstable(Category c) {
            return unstableBy[c.ordinal()];
        }
    }

    private VirtualPointStability() {}

    /**
     * Runs the iteration from every sum of k edges of {@code data} (orthogonal, any norms or
     * rotation) with denoiser {@code h} at noise level {@code sigma}.
     *
     * @param radius        L∞ distance from the start within which the end point counts as stable (&gt; 0)
     * @param maxIterations budget of evaluations of h per start (≥ 1)
     * @param tolerance     the iteration stops once ‖h(y) − y‖∞ ≤ tolerance (&gt; 0)
     * @throws InvalidParameterException naming the bad input and what is allowed
     */
    public static Result run(Denoiser h, double sigma, TrainingSet data, int k, double radius, int maxIterations,
                             double tolerance) {
        if (data.kind() != DatasetKind.ORTHOGONAL) {
            throw new InvalidParameterException("dataset", data.kind().key(), "orthogonal (its virtual points are the sums of edges)");
        }
        int d = data.dimension();
        if (h.dimension() != d) {
            throw new InvalidParameterException("denoiser", "a denoiser on R^" + h.dimension(), "one on R^" + d + ", the data's dimension");
        }
        int m = data.size() - 1;
        if (k < 1 || k > m) throw new InvalidParameterException("k", k, "an integer 1 ≤ k ≤ N − 1 = " + m + " (edges per start)");
        InvalidParameterException.requirePositive("radius", radius);
        InvalidParameterException.requirePositive("tolerance", tolerance);
        if (maxIterations < 1) throw new InvalidParameterException("max-iterations", maxIterations, "an integer ≥ 1");
        if (!(sigma > 0 && sigma < h.validBelow())) {
            throw new InvalidParameterException("sigma", sigma, "0 < σ < " + h.validBelow() + " for this denoiser");
        }
        long total = binomial(m, k);
        if (total > MAX_SUBSETS) {
            throw new InvalidParameterException("k", k, "a k with C(N − 1, k) ≤ " + MAX_SUBSETS + " starts (C(" + m + ", " + k + ") = "
                    + (total == Long.MAX_VALUE ? "more than 2^63" : total) + ")");
        }

        double[] x0 = data.copyOfApex();
        double[][] e = data.edges();
        Classifier classifier = NearestPointClassifier.forData(data, radius); // orthogonal data: the hyperbox classifier
        double[] start = new double[d], y = new double[d], next = new double[d];
        int[] s = new int[k];
        for (int i = 0; i < k; i++) s[i] = i;
        long stable = 0, unconverged = 0, iterations = 0;
        long[] by = new long[Category.values().length], order = new long[m + 1];
        while (true) {
            System.arraycopy(x0, 0, start, 0, d);
            for (int i : s) for (int j = 0; j < d; j++) start[j] += e[i][j];
            System.arraycopy(start, 0, y, 0, d);
            boolean converged = false;
            for (int it = 0; it < maxIterations && !converged; it++) {
                h.denoise(y, sigma, next);
                iterations++;
                double step = 0;
                for (int j = 0; j < d; j++) step = Math.max(step, Math.abs(next[j] - y[j]));
                double[] t = y;
                y = next;
                next = t;
                converged = step <= tolerance;
                if (!Double.isFinite(step)) break; // diverged: nothing more to iterate
            }
            if (!converged) unconverged++;
            double dist = 0;
            for (int j = 0; j < d; j++) dist = Math.max(dist, Math.abs(y[j] - start[j]));
            if (dist <= radius) {
                stable++;
            } else {
                Endpoint end = classifier.classify(y);
                by[end.category().ordinal()]++;
                if (end.vertexOrder() >= 0) order[end.vertexOrder()]++;
            }
            if (!nextSubset(s, m)) break;
        }
        return new Result(k, stable, total, unconverged, iterations, by, order);
    }

    /** Advances s to the next k-subset of {0 … m−1} in lexicographic order; false after the last. */
    static boolean nextSubset(int[] s, int m) {
        int k = s.length;
        int i = k - 1;
        while (i >= 0 && s[i] == m - k + i) i--;
        if (i < 0) return false;
        s[i]++;
        for (int j = i + 1; j < k; j++) s[j] = s[j - 1] + 1;
        return true;
    }

    /** C(m, k), or Long.MAX_VALUE when it overflows. */
    public static long binomial(int m, int k) {
        long c = 1;
        for (int i = 1; i <= k; i++) {
            // c·(m − k + i) / i stays an integer at every step; guard the product.
            long f = m - k + i;
            if (c > Long.MAX_VALUE / f) return Long.MAX_VALUE;
            c = c * f / i;
        }
        return c;
    }
}
