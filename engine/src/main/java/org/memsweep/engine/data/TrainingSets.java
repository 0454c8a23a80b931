package org.memsweep.engine.data;

import java.util.ArrayList;
import java.util.List;
import org.memsweep.engine.rng.Rng;
import static org.memsweep.engine.Vectors.dot;
import static org.memsweep.engine.Vectors.norm;

/** Generates the training sets of science.md §2, deterministically from a seed. */
public final class TrainingSets {
    private TrainingSets() {}

    /**
     * Builds the data set. Cost: O(d·m) for axis-aligned data, plus O(d·m²) for the rotation when
     * {@code randomRotation} (m = the number of directions). A rotated data set also carries its
     * construction frame: the same points before the rotation ({@link TrainingSet#constructionFrame}).
     */
    public static TrainingSet generate(DatasetSpec spec, long seed) {
        Rng rng = new Rng(seed);
        int n = spec.n(), d = spec.d();
        double[][] frame = new double[n][d]; // the points before the rotation
        Rotation rotation = null;
        switch (spec.kind()) {
            case ORTHOGONAL, OBTUSE_SIMPLEX -> {
                int m = n - 1;
                double[][] dirs = spec.kind() == DatasetKind.ORTHOGONAL
                        ? axisDirections(m, m) : obtuseDirections(m, spec.kappa());
                // Drawn before the norms, so the draws of the norms do not depend on the rotation's size.
                rotation = spec.randomRotation() ? Rotation.haar(d, m, rng) : null;
                Norms norms = spec.norms();
                for (int k = 0; k < m; k++) {
                    double r = norms.isFixed() ? norms.lo() : norms.lo() + (norms.hi() - norms.lo()) * rng.nextDouble();
                    for (int i = 0; i < m; i++) frame[k + 1][i] = r * dirs[k][i];
                }
                if (spec.kind() == DatasetKind.ORTHOGONAL) {
                    double[][] u = new double[m][d];
                    for (int k = 0; k < m; k++) {
                        u[k][k] = 1.0;
                        if (rotation != null) rotation.toAmbient(u[k], u[k]);
                    }
                    return build(spec, frame, rotation, u);
                }
            }
            case EQUILATERAL_SIMPLEX -> {
                // x_n = r e_n: pairwise distance r√2, the "orthogonal points without an apex" of §2.
                rotation = spec.randomRotation() ? Rotation.haar(d, n, rng) : null;
                double r = spec.norms().lo();
                for (int k = 0; k < n; k++) frame[k][k] = r;
            }
            case GAUSSIAN -> {
                // Isotropic, so a rotation would not change the distribution: none is applied.
                double s = spec.norms().lo() / Math.sqrt(d);
                for (int k = 0; k < n; k++) for (int i = 0; i < d; i++) frame[k][i] = s * rng.nextGaussian();
            }
        }
        return build(spec, frame, rotation, null);
    }

    /** The data set from its construction-frame points, rotated when {@code rotation} is not null. */
    private static TrainingSet build(DatasetSpec spec, double[][] frame, Rotation rotation, double[][] ambientBasis) {
        DatasetSpec frameSpec = rotation == null ? spec
                : new DatasetSpec(spec.kind(), spec.n(), spec.d(), spec.kappa(), spec.norms(), false);
        double[][] frameBasis = null;
        if (ambientBasis != null) {
            frameBasis = new double[ambientBasis.length][spec.d()];
            for (int k = 0; k < frameBasis.length; k++) frameBasis[k][k] = 1.0;
        }
        TrainingSet inFrame = new TrainingSet(frameSpec, frame,
                frameBasis != null ? new Subspace(frame[0], frameBasis) : spanOf(frame), null, null);
        if (rotation == null) return inFrame;
        double[][] points = new double[frame.length][];
        for (int p = 0; p < frame.length; p++) {
            points[p] = new double[spec.d()];
            rotation.toAmbient(frame[p], points[p]);
        }
        return new TrainingSet(spec, points, ambientBasis != null ? new Subspace(points[0], ambientBasis) : spanOf(points),
                rotation, inFrame);
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
