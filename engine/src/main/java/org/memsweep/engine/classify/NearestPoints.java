package org.memsweep.engine.classify;

import org.memsweep.engine.data.SparseRows;
import org.memsweep.engine.data.Subspace;
import org.memsweep.engine.data.TrainingSet;

/**
 * The universal metrics of science.md §6: d1, d2 (Euclidean distances to the nearest and second
 * nearest training points), nn_ratio = d1/d2, nn_memorized = nn_ratio < 1/3, and the L∞ distance to
 * the nearest point. Candidates are ranked in subspace coordinates (‖y − x_p‖² = ‖z − z_p‖² + ‖y⊥‖²,
 * and ‖z‖², ‖y⊥‖² are common to all p), O(nnz) per point; the two winners' distances are then
 * computed exactly in R^d, so nothing suffers cancellation. Not thread-safe.
 */
final class NearestPoints {
    /** The memorization rule's threshold on d1/d2. */
    public static final double NN_RATIO_THRESHOLD = 1.0 / 3.0;
    private final double[][] x;
    private final Subspace subspace;
    private final SparseRows zp;
    private final double[] z;
    private final boolean axisAligned;
    /** [nearest, second nearest] of the last {@link #rank}: a field, so ranking allocates nothing. */
    private final int[] ranked = new int[2];

    public NearestPoints(TrainingSet data) {
        this.x = data.copyOfPoints();
        this.subspace = data.subspace();
        this.zp = data.subspaceCoordinates();
        this.z = new double[subspace.dimension()];
        this.axisAligned = subspace.isAxisAligned();
    }

    /** Whether {@link #measureInSubspace} applies: the training points' subspace is axis-aligned. */
    public boolean measuresInSubspace() {
        return axisAligned;
    }

    /**
     * The metrics of the point with subspace coordinates z and a perpendicular part y⊥ given by its squared
     * norm and its largest entry, in O(N + r) (no ambient vector, nothing of length d):
     * ‖y − x_p‖² = ‖z − z_p‖² + ‖y⊥‖² (x_p lies in the subspace) and, for an axis-aligned subspace,
     * ‖y − x_p‖∞ = max(‖z − z_p‖∞, ‖y⊥‖∞). The same ranking as {@link #measure}; the distances agree with
     * it to rounding (1e−12 tested). Axis-aligned subspaces only ({@link #measuresInSubspace}).
     */
    public void measureInSubspace(double[] z, double perpSq, double perpLinf, double[] out) {
        if (!axisAligned) throw new IllegalStateException("L∞ distances in subspace coordinates need an axis-aligned subspace");
        rank(z);
        int best = ranked[0], second = ranked[1];
        double d1 = Math.sqrt(zp.distSq(best, z) + perpSq);
        double d2 = second < 0 ? Double.NaN : Math.sqrt(zp.distSq(second, z) + perpSq);
        if (d2 < d1) {
            double t = d1;
            d1 = d2;
            d2 = t;
            best = second;
        }
        out[0] = d1;
        out[1] = d2;
        out[2] = Math.max(zp.linfDist(best, z), perpLinf);
        out[3] = best;
    }

    /** The two nearest points by subspace coordinates (‖z − z_p‖² − ‖z‖² ranks them), into {@link #ranked}. */
    private void rank(double[] z) {
        int best = -1, second = -1;
        double b1 = Double.POSITIVE_INFINITY, b2 = Double.POSITIVE_INFINITY;
        for (int p = 0; p < x.length; p++) {
            double key = zp.normSq(p) - 2 * zp.dot(p, z);
            if (key < b1) {
                b2 = b1;
                second = best;
                b1 = key;
                best = p;
            } else if (key < b2) {
                b2 = key;
                second = p;
            }
        }
        ranked[0] = best;
        ranked[1] = second;
    }

    /** Metrics of a finite point y, written into {@code out}: [d1, d2, linfNearest, indexOfNearest]. */
    public void measure(double[] y, double[] out) {
        subspace.split(y, z, null);
        measure(y, z, out);
    }

    /** The same, given y's subspace coordinates z (saves the O(r·d) split when the caller has them). */
    public void measure(double[] y, double[] z, double[] out) {
        rank(z);
        int best = ranked[0], second = ranked[1];
        double[] xb = x[best], xs = x[second < 0 ? best : second];
        // One pass for both distances and both L∞ candidates (the winner is known only after the swap below):
        // each sum in index order as a separate loop would give it, so the same bits in a third of the passes.
        double s1 = 0, s2 = 0;
        long l1 = 0, l2 = 0; // the L∞ maxima as bits: see absBits
        for (int i = 0; i < y.length; i++) {
            double t1 = y[i] - xb[i], t2 = y[i] - xs[i];
            s1 += t1 * t1;
            s2 += t2 * t2;
            l1 = Math.max(l1, absBits(t1));
            l2 = Math.max(l2, absBits(t2));
        }
        double d1 = Math.sqrt(s1);
        double d2 = second < 0 ? Double.NaN : Math.sqrt(s2);
        double linf = Double.longBitsToDouble(l1);
        if (d2 < d1) { // rounding in the ranking: keep the pair ordered
            double t = d1;
            d1 = d2;
            d2 = t;
            best = second;
            linf = Double.longBitsToDouble(l2);
        }
        out[0] = d1;
        out[1] = d2;
        out[2] = linf;
        out[3] = best;
    }

    /**
     * The bits of |t|. For non-negative doubles (NaN aside) the order of the bit patterns as longs is the order
     * of the values, so a running max of these is Math.max of the |t|, the same bits (+0 for 0 and −0), at the
     * cost of an integer max instead of Math.max(double)'s NaN and signed-zero checks on every step.
     * Callers pass finite t (classifiers check finiteness first).
     */
    static long absBits(double t) {
        return Double.doubleToRawLongBits(t) & Long.MAX_VALUE;
    }
}
