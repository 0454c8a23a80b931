package org.memsweep.engine.classify;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.data.SparseRows;
import org.memsweep.engine.data.Subspace;
import org.memsweep.engine.data.TrainingSet;

/**
 * Classifies endpoints of hyperbox data (orthogonal, obtuse simplex) by science.md §6 with L∞
 * tolerance τ: coefficients β by least squares on the edges, nearest vertex by rounding each β_n,
 * then APEX / TRAINING / VIRTUAL (order k) within τ of that vertex, MANIFOLD within τ of the
 * hyperbox (boundary flag), OTHER beyond, DIVERGED when not finite. Cost O(r·d + m·r) per endpoint
 * (m edges, r = dim of their span). Not thread-safe.
 */
final class HyperboxClassifier implements Classifier {
    private final double tau;
    private final int m, d;
    private final double[] x0, length, slack; // slack_n = τ/L_n, the boundary band in β_n
    private final SparseRows edges;
    private final Subspace subspace;
    private final double[] coef; // m × r: β = coef · z (pseudo-inverse of the edges' coordinates); null when diagonal
    private final double[] diag; // orthogonal data: β_n = z_n · diag_n
    private final double[] ezDiag; // orthogonal data: edge n's coordinate along basis vector n
    private final double[] z, beta, diff, metrics;
    /**
     * Axis-aligned edges (orthogonal data without a rotation, or in their construction frame): edge n is
     * non-zero only at coordinate axis[n], with value along[n], and no two edges share a coordinate; offAxis[i]
     * is all ones (a bit mask) where no edge is, 0 where one is. Null otherwise. Then y − vertex and y − (nearest box point) equal
     * y − x₀ off the edges' coordinates, so their L∞ norms need one pass over y and O(m) more, not two each.
     */
    private final int[] axis;
    private final double[] along;
    private final long[] offAxis;
    private final NearestPoints nearest;

    public HyperboxClassifier(TrainingSet data, double tau) {
        this(data, tau, true);
    }

    /** @param alongAxes use the one-pass L∞ distances where the edges are axis-aligned (false: tests compare both paths) */
    HyperboxClassifier(TrainingSet data, double tau, boolean alongAxes) {
        if (!data.kind().isHyperbox()) {
            throw new IllegalArgumentException("the hyperbox classifier needs orthogonal or obtuse-simplex data, not " + data.kind().key());
        }
        if (!(tau > 0) || !Double.isFinite(tau)) throw new InvalidParameterException("tau", tau, "a finite number > 0");
        this.tau = tau;
        this.d = data.dimension();
        this.x0 = data.copyOfApex();
        double[][] e = data.edges();
        this.m = e.length;
        this.edges = new SparseRows(e, 0.0);
        this.length = new double[m];
        for (int k = 0; k < m; k++) length[k] = Math.sqrt(edges.normSq(k));
        this.slack = new double[m];
        for (int k = 0; k < m; k++) slack[k] = tau / length[k];
        this.subspace = data.subspace();
        int r = subspace.dimension();
        // z = Σ β_n ez_n  ⇒  β = pinv(Ezᵀ) z, with Ez the m × r matrix of edge coordinates.
        DMatrixRMaj ezT = new DMatrixRMaj(r, m);
        double[] t = new double[r];
        for (int k = 0; k < m; k++) {
            subspace.coordinatesOfVector(e[k], t);
            for (int j = 0; j < r; j++) ezT.set(j, k, t[j]);
        }
        boolean diagonal = m == r;
        for (int j = 0; j < r && diagonal; j++) {
            for (int k = 0; k < m; k++) {
                if (j != k && Math.abs(ezT.get(j, k)) > 1e-12 * length[k]) {
                    diagonal = false;
                    break;
                }
            }
        }
        if (diagonal) {
            // Orthogonal edges along the basis (the usual case): no O(m³) pseudo-inverse, O(m) per endpoint.
            this.coef = null;
            this.diag = new double[m];
            this.ezDiag = new double[m];
            for (int k = 0; k < m; k++) {
                ezDiag[k] = ezT.get(k, k);
                diag[k] = 1.0 / ezDiag[k];
            }
        } else {
            DMatrixRMaj pinv = new DMatrixRMaj(m, r);
            CommonOps_DDRM.pinv(ezT, pinv);
            this.coef = pinv.data.clone();
            this.diag = null;
            this.ezDiag = null;
        }
        this.z = new double[r];
        this.beta = new double[m];
        this.diff = new double[d];
        this.metrics = new double[4];
        this.nearest = new NearestPoints(data);
        int[] ax = alongAxes && diagonal ? axesOf(e, d) : null;
        this.axis = ax;
        this.along = ax == null ? null : new double[m];
        this.offAxis = ax == null ? null : new long[d];
        if (ax != null) {
            java.util.Arrays.fill(offAxis, -1L);
            for (int k = 0; k < m; k++) {
                along[k] = e[k][ax[k]];
                offAxis[ax[k]] = 0L;
            }
        }
    }

    /** The one non-zero coordinate of each edge if every edge has exactly one and no two share it; else null. */
    private static int[] axesOf(double[][] e, int d) {
        int[] ax = new int[e.length];
        boolean[] taken = new boolean[d];
        for (int k = 0; k < e.length; k++) {
            ax[k] = -1;
            for (int i = 0; i < d; i++) {
                if (e[k][i] == 0.0) continue;
                if (ax[k] >= 0 || taken[i]) return null;
                ax[k] = i;
            }
            if (ax[k] < 0) return null;
            taken[ax[k]] = true;
        }
        return ax;
    }

    @Override
    public Endpoint classify(double[] y) {
        if (!Classifier.isFinite(y)) return Endpoint.diverged();
        subspace.split(y, z, null);
        nearest.measure(y, z, metrics);
        double d1 = metrics[0], d2 = metrics[1], linfNearest = metrics[2];
        double ratio = d1 / d2;
        boolean nnMem = ratio < NearestPoints.NN_RATIO_THRESHOLD;

        int r = z.length;
        for (int k = 0; k < m; k++) {
            if (coef == null) {
                beta[k] = z[k] * diag[k];
                continue;
            }
            double s = 0;
            int off = k * r;
            for (int j = 0; j < r; j++) s += coef[off + j] * z[j];
            beta[k] = s;
        }
        if (axis != null) return classifyAlongAxes(y, d1, d2, linfNearest, ratio, nnMem);
        // Nearest vertex: round each β_n to 0 or 1.
        int order = 0;
        for (int i = 0; i < d; i++) diff[i] = y[i] - x0[i];
        for (int k = 0; k < m; k++) {
            if (beta[k] >= 0.5) {
                order++;
                edges.addTo(k, -1.0, diff);
            }
        }
        double linfVertex = linf(diff);
        if (linfVertex <= tau) {
            Category c = order == 0 ? Category.APEX : order == 1 ? Category.TRAINING : Category.VIRTUAL;
            return new Endpoint(c, order, false, linfVertex, linfNearest, d1, d2, ratio, nnMem);
        }
        // Nearest hyperbox point by clamping each β_n to [0, 1].
        boolean boundary = false;
        for (int i = 0; i < d; i++) diff[i] = y[i] - x0[i];
        for (int k = 0; k < m; k++) {
            double b = Math.min(1.0, Math.max(0.0, beta[k]));
            if (b != 0.0) edges.addTo(k, -b, diff);
            double slack = this.slack[k];
            boundary |= b <= slack || b >= 1.0 - slack;
        }
        if (linf(diff) <= tau) {
            return new Endpoint(Category.MANIFOLD, order, boundary, linfVertex, linfNearest, d1, d2, ratio, nnMem);
        }
        return new Endpoint(Category.OTHER, order, false, linfVertex, linfNearest, d1, d2, ratio, nnMem);
    }

    /**
     * The vertex and box part of {@link #classify} for axis-aligned edges, the same bits: y − vertex is y − x₀
     * except at the chosen edges' coordinates, where it is (y_i − x₀_i) + (−1)·e_n,i as the edge is added there,
     * and L∞ is a maximum, whose value does not depend on the order the entries are visited in.
     */
    private Endpoint classifyAlongAxes(double[] y, double d1, double d2, double linfNearest, double ratio, boolean nnMem) {
        long offBits = 0; // ‖y − x₀‖∞ over the coordinates no edge touches, as bits (NearestPoints.absBits); 0 elsewhere
        for (int i = 0; i < d; i++) offBits = Math.max(offBits, NearestPoints.absBits(y[i] - x0[i]) & offAxis[i]);
        double off = Double.longBitsToDouble(offBits);
        int order = 0;
        double linfVertex = off;
        // Without branches (β_n's rounding is a coin flip on the box): adding −0·e_n where the dense path adds
        // nothing changes t at most from ±0 to ∓0, and only |t| is used.
        for (int k = 0; k < m; k++) {
            int i = axis[k];
            boolean one = beta[k] >= 0.5;
            order += one ? 1 : 0;
            double t = (y[i] - x0[i]) + (one ? -1.0 : -0.0) * along[k];
            linfVertex = Math.max(linfVertex, Math.abs(t));
        }
        if (linfVertex <= tau) {
            Category c = order == 0 ? Category.APEX : order == 1 ? Category.TRAINING : Category.VIRTUAL;
            return new Endpoint(c, order, false, linfVertex, linfNearest, d1, d2, ratio, nnMem);
        }
        boolean boundary = false;
        double linfBox = off;
        for (int k = 0; k < m; k++) {
            int i = axis[k];
            double b = Math.min(1.0, Math.max(0.0, beta[k]));
            double t = (y[i] - x0[i]) + -b * along[k];
            linfBox = Math.max(linfBox, Math.abs(t));
            double slack = this.slack[k];
            boundary |= b <= slack | b >= 1.0 - slack;
        }
        if (linfBox <= tau) {
            return new Endpoint(Category.MANIFOLD, order, boundary, linfVertex, linfNearest, d1, d2, ratio, nnMem);
        }
        return new Endpoint(Category.OTHER, order, false, linfVertex, linfNearest, d1, d2, ratio, nnMem);
    }

    /** The subspace whose coordinates {@link #classifyInSubspace} takes (the training points' affine span). */
    public Subspace subspace() {
        return subspace;
    }

    /**
     * Whether {@link #classifyInSubspace} applies: orthogonal edges along an axis-aligned subspace basis
     * (orthogonal data without a rotation, or in their construction frame).
     */
    public boolean classifiesInSubspace() {
        return diag != null && nearest.measuresInSubspace();
    }

    /**
     * {@link #classify} of the point with subspace coordinates z and perpendicular part y⊥ (given by
     * ‖y⊥‖² and ‖y⊥‖∞), in O(N + m) with nothing of length d: the vertex and the nearest hyperbox point have
     * coordinates β_n·L_n along the edges, so every L∞ distance is max(‖z − z_v‖∞, ‖y⊥‖∞). The same
     * categories as {@link #classify}, the distances to rounding (1e−12 tested). Only when
     * {@link #classifiesInSubspace}. A non-finite input is DIVERGED.
     */
    public Endpoint classifyInSubspace(double[] zIn, double perpSq, double perpLinf) {
        if (!classifiesInSubspace()) throw new IllegalStateException("this data set's classification needs the ambient endpoint");
        boolean finite = Double.isFinite(perpSq) && Double.isFinite(perpLinf);
        for (double v : zIn) finite &= Double.isFinite(v);
        if (!finite) return Endpoint.diverged();
        nearest.measureInSubspace(zIn, perpSq, perpLinf, metrics);
        double d1 = metrics[0], d2 = metrics[1], linfNearest = metrics[2];
        double ratio = d1 / d2;
        boolean nnMem = ratio < NearestPoints.NN_RATIO_THRESHOLD;
        int order = 0;
        double linfVertex = perpLinf;
        for (int k = 0; k < m; k++) {
            double b = zIn[k] * diag[k];
            beta[k] = b;
            boolean one = b >= 0.5;
            if (one) order++;
            linfVertex = Math.max(linfVertex, Math.abs(zIn[k] - (one ? ezDiag[k] : 0.0)));
        }
        if (linfVertex <= tau) {
            Category c = order == 0 ? Category.APEX : order == 1 ? Category.TRAINING : Category.VIRTUAL;
            return new Endpoint(c, order, false, linfVertex, linfNearest, d1, d2, ratio, nnMem);
        }
        boolean boundary = false;
        double linfBox = perpLinf;
        for (int k = 0; k < m; k++) {
            double b = Math.min(1.0, Math.max(0.0, beta[k]));
            linfBox = Math.max(linfBox, Math.abs(zIn[k] - b * ezDiag[k]));
            double slack = this.slack[k];
            boundary |= b <= slack || b >= 1.0 - slack;
        }
        if (linfBox <= tau) {
            return new Endpoint(Category.MANIFOLD, order, boundary, linfVertex, linfNearest, d1, d2, ratio, nnMem);
        }
        return new Endpoint(Category.OTHER, order, false, linfVertex, linfNearest, d1, d2, ratio, nnMem);
    }

    private static double linf(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, Math.abs(x));
        return m;
    }
}
