package org.memsweep.engine.data;

/**
 * An affine subspace {@code origin + span(q_1 … q_r)} of R^d with orthonormal q_j, and the split
 * of a point y into coordinates z_j = q_j·(y − origin) and a perpendicular part
 * y⊥ = (y − origin) − Σ z_j q_j. Denoisers whose output lies in the subspace and that depend on y
 * only through z let a flow integrate r numbers instead of d (science.md §4; the perpendicular
 * part obeys a linear equation that is solved exactly). Cost of each split or join: O(r·d).
 */
public final class Subspace {
    private final int d;
    private final int r;
    private final double[] origin;
    private final double[] basis; // r rows of length d, row-major

    /** @param basis orthonormal rows q_j (copied) */
    public Subspace(double[] origin, double[][] basis) {
        this.d = origin.length;
        this.r = basis.length;
        this.origin = origin.clone();
        this.basis = new double[r * d];
        for (int j = 0; j < r; j++) System.arraycopy(basis[j], 0, this.basis, j * d, d);
    }

    /** The whole space with the standard basis: coordinates are y itself. */
    public static Subspace ambient(int d) {
        double[][] id = new double[d][d];
        for (int i = 0; i < d; i++) id[i][i] = 1.0;
        return new Subspace(new double[d], id);
    }

    public int ambientDimension() {
        return d;
    }

    public int dimension() {
        return r;
    }

    public double[] origin() {
        return origin.clone();
    }

    /** Basis vector j (a copy). */
    public double[] basisVector(int j) {
        double[] q = new double[d];
        System.arraycopy(basis, j * d, q, 0, d);
        return q;
    }

    /** z = Qᵀ-coordinates of y; perp (length d, may be null) = the part of y − origin outside the span. */
    public void split(double[] y, double[] z, double[] perp) {
        for (int j = 0; j < r; j++) {
            double s = 0;
            int off = j * d;
            for (int i = 0; i < d; i++) s += basis[off + i] * (y[i] - origin[i]);
            z[j] = s;
        }
        if (perp != null) {
            for (int i = 0; i < d; i++) perp[i] = y[i] - origin[i];
            for (int j = 0; j < r; j++) {
                int off = j * d;
                double zj = z[j];
                if (zj != 0.0) for (int i = 0; i < d; i++) perp[i] -= zj * basis[off + i];
            }
        }
    }

    /** y = origin + Σ z_j q_j + perpScale · perp (perp may be null). */
    public void join(double[] z, double[] perp, double perpScale, double[] y) {
        for (int i = 0; i < d; i++) y[i] = origin[i] + (perp == null ? 0.0 : perpScale * perp[i]);
        for (int j = 0; j < r; j++) {
            int off = j * d;
            double zj = z[j];
            if (zj != 0.0) for (int i = 0; i < d; i++) y[i] += zj * basis[off + i];
        }
    }

    /** Coordinates of a vector v (no origin shift): q_j·v. */
    public void coordinatesOfVector(double[] v, double[] z) {
        for (int j = 0; j < r; j++) {
            double s = 0;
            int off = j * d;
            for (int i = 0; i < d; i++) s += basis[off + i] * v[i];
            z[j] = s;
        }
    }

    /** ‖Σ w_j q_j + p‖_∞ for a vector given by coordinates w and an ambient part p (may be null). */
    public double linfOf(double[] w, double[] p, double pScale) {
        double m = 0;
        for (int i = 0; i < d; i++) {
            double s = p == null ? 0.0 : pScale * p[i];
            for (int j = 0; j < r; j++) s += w[j] * basis[j * d + i];
            m = Math.max(m, Math.abs(s));
        }
        return m;
    }
}
