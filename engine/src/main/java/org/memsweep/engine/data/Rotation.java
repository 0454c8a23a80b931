package org.memsweep.engine.data;

import org.memsweep.engine.rng.Rng;

/**
 * The random rotation R of a rotated data set (science.md §2): a d × d orthogonal matrix whose
 * first w columns are Haar-distributed on the Stiefel manifold (QR of a d × w Gaussian matrix with
 * R's diagonal made positive). Kept as w Householder reflectors, R = H₀ H₁ ⋯ H_{w−1} S (S = the
 * diagonal sign fix), so memory and the cost of applying R or Rᵀ are O(d·w), never O(d²). The
 * columns w … d−1 complete the frame deterministically; they are part of the data set's
 * construction frame, the frame in which the classification may measure its L∞ distances.
 * Immutable.
 */
public final class Rotation {
    private final int d, w;
    private final double[][] v; // unit reflector j, zero before index j (null: identity)
    private final double[] sign;

    private Rotation(int d, int w, double[][] v, double[] sign) {
        this.d = d;
        this.w = w;
        this.v = v;
        this.sign = sign;
    }

    /** Draws R from d·w standard normals of {@code rng} (column by column); w ≤ d. */
    static Rotation haar(int d, int w, Rng rng) {
        double[][] a = new double[w][d]; // columns of the Gaussian matrix
        for (int i = 0; i < d; i++) for (int j = 0; j < w; j++) a[j][i] = rng.nextGaussian();
        double[][] v = new double[w][];
        double[] sign = new double[w];
        for (int j = 0; j < w; j++) {
            double[] x = a[j];
            double norm = 0;
            for (int i = j; i < d; i++) norm += x[i] * x[i];
            norm = Math.sqrt(norm);
            // H x = alpha e_j with alpha = −sign(x_j)‖x‖ (no cancellation); R's diagonal entry is alpha.
            double alpha = x[j] >= 0 ? -norm : norm;
            sign[j] = alpha < 0 ? -1.0 : 1.0;
            double[] u = new double[d];
            u[j] = x[j] - alpha;
            for (int i = j + 1; i < d; i++) u[i] = x[i];
            double un = 0;
            for (int i = j; i < d; i++) un += u[i] * u[i];
            if (un == 0) continue; // x is already alpha e_j: H_j = I
            un = Math.sqrt(un);
            for (int i = j; i < d; i++) u[i] /= un;
            v[j] = u;
            for (int k = j + 1; k < w; k++) reflect(u, j, a[k]);
        }
        return new Rotation(d, w, v, sign);
    }

    private static void reflect(double[] u, int from, double[] x) {
        double s = 0;
        for (int i = from; i < x.length; i++) s += u[i] * x[i];
        s *= 2;
        for (int i = from; i < x.length; i++) x[i] -= s * u[i];
    }

    public int dimension() {
        return d;
    }

    /** out = R x: from construction-frame coordinates to the ambient frame (out may be x). */
    public void toAmbient(double[] x, double[] out) {
        if (out != x) System.arraycopy(x, 0, out, 0, d);
        for (int j = 0; j < w; j++) out[j] *= sign[j];
        for (int j = w - 1; j >= 0; j--) if (v[j] != null) reflect(v[j], j, out);
    }

    /** out = Rᵀ y: from the ambient frame to construction-frame coordinates (out may be y). */
    public void toFrame(double[] y, double[] out) {
        if (out != y) System.arraycopy(y, 0, out, 0, d);
        for (int j = 0; j < w; j++) if (v[j] != null) reflect(v[j], j, out);
        for (int j = 0; j < w; j++) out[j] *= sign[j];
    }
}
