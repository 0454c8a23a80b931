package org.memsweep.engine.denoiser;

import org.memsweep.engine.InvalidParameterException;

/**
 * A shallow ReLU network with a free linear skip (science.md §1):
 * <pre>h(y) = Σ_k a_k [w_k·y + b_k]₊ + V y + c</pre>
 * trained for one noise level, so {@link #denoise} ignores σ. Its representation cost is
 * Σ_k ‖a_k‖‖w_k‖ (the minimum of ½Σ(‖a_k‖² + ‖w_k‖²) over rescalings). Cost per evaluation
 * O(K·d + d²) (O(K·d) without V). Weights are copied in. {@link #denoise} is thread-safe;
 * {@link #denoiseBatch} (a batch is a matrix: two matrix products and a ReLU) keeps a workspace and is not.
 */
public final class ReluNetwork implements Denoiser {
    private final int d, k;
    private final double[] a, w, b, v, c; // a, w: K rows of length d; v: d×d row-major or null
    /** Batch points per tile: a tile's inputs and outputs stay in the L1/L2 cache across the K units. */
    private static final int TILE = 64;
    private final double[] pre = new double[TILE], acc = new double[TILE]; // batch workspace
    private final double[][] yTile, oTile; // the tile, one array per coordinate
    private final double[][] pre4 = new double[4][TILE];

    /**
     * @param a output weights a_k (K × d)
     * @param w input weights w_k (K × d)
     * @param b biases b_k (K)
     * @param v skip matrix V (d × d), or null for V = 0
     * @param c offset (d)
     */
    public ReluNetwork(double[][] a, double[][] w, double[] b, double[][] v, double[] c) {
        this.d = c.length;
        this.k = b.length;
        if (a.length != k || w.length != k) {
            throw new InvalidParameterException("network", "K = " + k + " biases, " + a.length + " output and "
                    + w.length + " input weights", "as many output and input weights as biases");
        }
        this.a = flatten(a, k, "a");
        this.w = flatten(w, k, "w");
        this.b = b.clone();
        this.v = v == null ? null : flatten(v, d, "V");
        this.c = c.clone();
        // −0 offsets become +0: an output then never holds −0, so adding an inactive unit's ±0 is exact
        // and the batch path (which adds it) gives the single path's bits (which skips it).
        for (int i = 0; i < d; i++) this.c[i] += 0.0;
        this.yTile = new double[d][TILE];
        this.oTile = new double[d][TILE];
    }

    private double[] flatten(double[][] rows, int count, String name) {
        double[] f = new double[count * d];
        for (int i = 0; i < count; i++) {
            if (rows[i].length != d) {
                throw new InvalidParameterException("network", name + "[" + i + "] of length " + rows[i].length,
                        "vectors of length d = " + d);
            }
            System.arraycopy(rows[i], 0, f, i * d, d);
        }
        return f;
    }

    @Override
    public int dimension() {
        return d;
    }

    /** Number of hidden units K. */
    public int width() {
        return k;
    }

    @Override
    public void denoise(double[] y, double sigma, double[] out) {
        System.arraycopy(c, 0, out, 0, d);
        if (v != null) {
            for (int i = 0; i < d; i++) {
                double s = 0;
                int off = i * d;
                for (int j = 0; j < d; j++) s += v[off + j] * y[j];
                out[i] += s;
            }
        }
        for (int u = 0; u < k; u++) {
            int off = u * d;
            double pre = b[u];
            for (int i = 0; i < d; i++) pre += w[off + i] * y[i];
            if (pre > 0) for (int i = 0; i < d; i++) out[i] += pre * a[off + i];
        }
    }

    /**
     * The batch in tiles of {@value #TILE} points: per unit, pre = b_u + Σ_i w_ui y_i accumulated over i in
     * the single path's order and then out += [pre]₊ a_u, vectorised over the points of the tile. The tile
     * is copied into one array per coordinate first: loops whose arrays share their index are the ones
     * the JIT vectorises. σ is ignored as in {@link #denoise}; the same bits per point as {@link #denoise}.
     */
    @Override
    public void denoiseBatch(double[] y, int count, int stride, double sigma, double[] out) {
        for (int t0 = 0; t0 < count; t0 += TILE) {
            int tn = Math.min(TILE, count - t0);
            for (int i = 0; i < d; i++) {
                System.arraycopy(y, i * stride + t0, yTile[i], 0, tn);
                java.util.Arrays.fill(oTile[i], 0, tn, c[i]);
            }
            if (v != null) {
                for (int i = 0; i < d; i++) {
                    java.util.Arrays.fill(acc, 0, tn, 0.0);
                    for (int j = 0; j < d; j++) {
                        double vij = v[i * d + j];
                        double[] yj = yTile[j];
                        for (int q = 0; q < tn; q++) acc[q] += vij * yj[q];
                    }
                    double[] oi = oTile[i];
                    for (int q = 0; q < tn; q++) oi[q] += acc[q];
                }
            }
            // Four units at a time: each load of y (and of out) serves four of them. Per point, the
            // pre-activations still sum over i in order and the outputs add the units in order u.
            int u = 0;
            for (; u + 4 <= k; u += 4) {
                double[] p0 = pre4[0], p1 = pre4[1], p2 = pre4[2], p3 = pre4[3];
                java.util.Arrays.fill(p0, 0, tn, b[u]);
                java.util.Arrays.fill(p1, 0, tn, b[u + 1]);
                java.util.Arrays.fill(p2, 0, tn, b[u + 2]);
                java.util.Arrays.fill(p3, 0, tn, b[u + 3]);
                for (int i = 0; i < d; i++) {
                    double w0 = w[u * d + i], w1 = w[(u + 1) * d + i], w2 = w[(u + 2) * d + i], w3 = w[(u + 3) * d + i];
                    double[] yi = yTile[i];
                    for (int q = 0; q < tn; q++) {
                        double yq = yi[q];
                        p0[q] += w0 * yq;
                        p1[q] += w1 * yq;
                        p2[q] += w2 * yq;
                        p3[q] += w3 * yq;
                    }
                }
                boolean any = relu(p0, tn) | relu(p1, tn) | relu(p2, tn) | relu(p3, tn);
                if (!any) continue;
                for (int i = 0; i < d; i++) {
                    double a0 = a[u * d + i], a1 = a[(u + 1) * d + i], a2 = a[(u + 2) * d + i], a3 = a[(u + 3) * d + i];
                    double[] oi = oTile[i];
                    for (int q = 0; q < tn; q++) oi[q] = oi[q] + p0[q] * a0 + p1[q] * a1 + p2[q] * a2 + p3[q] * a3;
                }
            }
            for (; u < k; u++) {
                int wo = u * d;
                java.util.Arrays.fill(pre, 0, tn, b[u]);
                for (int i = 0; i < d; i++) {
                    double wi = w[wo + i];
                    double[] yi = yTile[i];
                    for (int q = 0; q < tn; q++) pre[q] += wi * yi[q];
                }
                if (!relu(pre, tn)) continue;
                for (int i = 0; i < d; i++) {
                    double ai = a[wo + i];
                    double[] oi = oTile[i];
                    for (int q = 0; q < tn; q++) oi[q] += pre[q] * ai;
                }
            }
            for (int i = 0; i < d; i++) System.arraycopy(oTile[i], 0, out, i * stride + t0, tn);
        }
    }

    /** p ← [p]₊ over the first n entries (NaN counts as inactive, as in {@link #denoise}); whether any is active. */
    private static boolean relu(double[] p, int n) {
        boolean any = false;
        for (int q = 0; q < n; q++) {
            double x = p[q] > 0 ? p[q] : 0.0;
            p[q] = x;
            any |= x != 0.0;
        }
        return any;
    }

    /** The output weights a_k, one row per unit (a copy). */
    public double[][] outputWeights() {
        return rows(a, k);
    }

    /** The input weights w_k, one row per unit (a copy). */
    public double[][] inputWeights() {
        return rows(w, k);
    }

    /** The biases b_k (a copy). */
    public double[] biases() {
        return b.clone();
    }

    /** The skip matrix V (d × d, a copy), or null when V = 0. */
    public double[][] skip() {
        return v == null ? null : rows(v, d);
    }

    /** The offset c (a copy). */
    public double[] offset() {
        return c.clone();
    }

    private double[][] rows(double[] flat, int count) {
        double[][] r = new double[count][];
        for (int i = 0; i < count; i++) r[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        return r;
    }

    /** Representation cost Σ_k ‖a_k‖‖w_k‖. */
    public double cost() {
        double s = 0;
        for (int u = 0; u < k; u++) {
            double na = 0, nw = 0;
            for (int i = 0; i < d; i++) {
                na += a[u * d + i] * a[u * d + i];
                nw += w[u * d + i] * w[u * d + i];
            }
            s += Math.sqrt(na) * Math.sqrt(nw);
        }
        return s;
    }

    /** The training objective's regulariser C(θ) = ½ Σ_k (‖a_k‖² + ‖w_k‖²). */
    public double parameterCost() {
        double s = 0;
        for (int i = 0; i < k * d; i++) s += a[i] * a[i] + w[i] * w[i];
        return 0.5 * s;
    }
}
