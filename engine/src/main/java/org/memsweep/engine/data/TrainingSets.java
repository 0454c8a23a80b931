package org.memsweep.engine.data;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.memsweep.engine.rng.Rng;
import static org.memsweep.engine.Vectors.dot;
import static org.memsweep.engine.Vectors.norm;

/** Generates the training sets of science.md §2, deterministically from a seed. */
public final class TrainingSets {
    private TrainingSets() {}

    /**
     * Builds the data set. Cost: O(d·m) for axis-aligned data, plus an O(d·m²) QR factorisation
     * when {@code randomRotation} (m = the number of directions).
     */
    public static TrainingSet generate(DatasetSpec spec, long seed) {
        Rng rng = new Rng(seed);
        int n = spec.n(), d = spec.d();
        double[][] points = new double[n][d];
        switch (spec.kind()) {
            case ORTHOGONAL, OBTUSE_SIMPLEX -> {
                int m = n - 1;
                double[][] dirs = spec.kind() == DatasetKind.ORTHOGONAL
                        ? axisDirections(m, m) : obtuseDirections(m, spec.kappa());
                double[][] u = place(dirs, d, spec.randomRotation(), rng);
                Norms norms = spec.norms();
                for (int k = 0; k < m; k++) {
                    double r = norms.isFixed() ? norms.lo() : norms.lo() + (norms.hi() - norms.lo()) * rng.nextDouble();
                    for (int i = 0; i < d; i++) points[k + 1][i] = r * u[k][i];
                }
                if (spec.kind() == DatasetKind.ORTHOGONAL) {
                    return new TrainingSet(spec, points, new Subspace(points[0], u));
                }
            }
            case EQUILATERAL_SIMPLEX -> {
                // x_n = r e_n: pairwise distance r√2, the "orthogonal points without an apex" of §2.
                double[][] u = place(axisDirections(n, n), d, spec.randomRotation(), rng);
                double r = spec.norms().lo();
                for (int k = 0; k < n; k++) for (int i = 0; i < d; i++) points[k][i] = r * u[k][i];
            }
            case GAUSSIAN -> {
                // Isotropic, so a rotation would not change the distribution: none is applied.
                double s = spec.norms().lo() / Math.sqrt(d);
                for (int k = 0; k < n; k++) for (int i = 0; i < d; i++) points[k][i] = s * rng.nextGaussian();
            }
        }
        return new TrainingSet(spec, points, spanOf(points));
    }

    /** m unit vectors e_1 … e_m written in R^width. */
    private static double[][] axisDirections(int m, int width) {
        double[][] e = new double[m][width];
        for (int k = 0; k < m; k++) e[k][k] = 1.0;
        return e;
    }

    /**
     * m unit vectors in R^m with pairwise dot product −κ: u_n = p e_n + q 𝟙 with p = √(1+κ) and
     * (m)q² + 2pq + κ = 0, which has a real root iff κ ≤ 1/(m−1) = 1/(N−2).
     */
    static double[][] obtuseDirections(int m, double kappa) {
        double p = Math.sqrt(1 + kappa);
        double disc = Math.max(0.0, 1 - (m - 1) * kappa);
        double q = (-p + Math.sqrt(disc)) / m;
        double[][] u = new double[m][m];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < m; j++) u[k][j] = q;
            u[k][k] += p;
        }
        return u;
    }

    /**
     * Embeds direction vectors (rows, in R^w with w ≤ d) into R^d: as the first w coordinates, or
     * through the first w columns of a Haar-random orthogonal matrix (QR of a Gaussian matrix, with
     * the signs of R's diagonal moved into Q so the distribution is exactly Haar).
     */
    private static double[][] place(double[][] dirs, int d, boolean rotate, Rng rng) {
        int m = dirs.length, w = dirs[0].length;
        double[][] out = new double[m][d];
        if (!rotate) {
            for (int k = 0; k < m; k++) System.arraycopy(dirs[k], 0, out[k], 0, w);
            return out;
        }
        DMatrixRMaj g = new DMatrixRMaj(d, w);
        for (int i = 0; i < d; i++) for (int j = 0; j < w; j++) g.set(i, j, rng.nextGaussian());
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, w);
        if (!qr.decompose(g)) throw new IllegalStateException("QR of the rotation failed");
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        for (int j = 0; j < w; j++) {
            if (r.get(j, j) < 0) for (int i = 0; i < d; i++) q.set(i, j, -q.get(i, j));
        }
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < w; j++) s += q.get(i, j) * dirs[k][j];
                out[k][i] = s;
            }
        }
        return out;
    }

    /** Origin = point 0, basis = orthonormal basis of span{x_n − x_0} (Gram–Schmidt, twice). */
    static Subspace spanOf(double[][] points) {
        int d = points[0].length;
        List<double[]> basis = new ArrayList<>();
        for (int k = 1; k < points.length && basis.size() < d; k++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) v[i] = points[k][i] - points[0][i];
            double norm0 = norm(v);
            if (norm0 == 0) continue;
            for (int pass = 0; pass < 2; pass++) {
                for (double[] q : basis) {
                    double s = dot(q, v);
                    for (int i = 0; i < d; i++) v[i] -= s * q[i];
                }
            }
            double norm = norm(v);
            if (norm > 1e-10 * norm0) {
                for (int i = 0; i < d; i++) v[i] /= norm;
                basis.add(v);
            }
        }
        return new Subspace(points[0], basis.toArray(new double[0][]));
    }
}
