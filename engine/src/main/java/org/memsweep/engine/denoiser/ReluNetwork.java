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
    private static final int TILE = 128;
    private final double[] acc = new double[TILE]; // batch workspace: V y of one output
    private final double[][] yTile, oTile; // the tile, one array per coordinate
    private final double[] pre0 = new double[TILE], pre1 = new double[TILE]; // a unit pair's activations

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
    /**
     * One tile of {@value #TILE} points: larger batches measured slower (2.5× per trajectory at 256 in
     * the flow with one network at every level), as the tile's rows then leave L1 between levels.
     */
    @Override
    public int preferredBatch() {
        return TILE;
    }

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
     * The batch in tiles of {@value #TILE} points, vectorised over the points of a tile (the tile is copied
     * into one array per coordinate first: loops whose arrays share their index are the ones the JIT
     * vectorises). Units go in pairs: per point, pre_u = b_u + Σ_i w_ui y_i summed over i in order, three
     * coordinates per pass (one load and store of the pair's accumulators per six products, and each load
     * of a coordinate serves both units); then out += [pre_u]₊ a_u + [pre_u+1]₊ a_u+1, three output
     * coordinates per pass. A pair inactive on the whole tile is skipped. Larger blocks are slower: C2
     * (JDK 17) unrolls, and so vectorises, only loops with small bodies (LoopUnrollLimit). σ is ignored
     * as in {@link #denoise}; every point gets the bits of {@link #denoise}: per output the same terms in
     * the same order (an inactive unit's term is ±0, which leaves an output that is never −0 unchanged),
     * no fused multiply-add (Java rounds the product and the sum separately), and nothing mixes points.
     */
    @Override
    public void denoiseBatch(double[] y, int count, int stride, double sigma, double[] out) {
        for (int t0 = 0; t0 < count; t0 += TILE) {
            int tn = Math.min(TILE, count - t0);
            for (int i = 0; i < d; i++) {
                System.arraycopy(y, i * stride + t0, yTile[i], 0, tn);
                java.util.Arrays.fill(oTile[i], 0, tn, c[i]);
            }
            if (v != null) skipProduct(tn);
            int u = 0;
            for (; u + 2 <= k; u += 2) {
                int o = u * d;
                int i = 0;
                if (d >= 3) { // the first pass starts from the biases: pre = b + w·y, as in the single path
                    first2x3(pre0, pre1, tn, yTile[0], yTile[1], yTile[2], w, o, d, b[u], b[u + 1]);
                    i = 3;
                } else {
                    java.util.Arrays.fill(pre0, 0, tn, b[u]);
                    java.util.Arrays.fill(pre1, 0, tn, b[u + 1]);
                }
                for (; i + 3 <= d; i += 3) pre2x3(pre0, pre1, tn, yTile[i], yTile[i + 1], yTile[i + 2], w, o + i, d);
                for (; i < d; i++) pre2x1(pre0, pre1, tn, yTile[i], w[o + i], w[o + d + i]);
                if (!(relu(pre0, tn) | relu(pre1, tn))) continue;
                int j = 0;
                for (; j + 3 <= d; j += 3) out2x3(oTile[j], oTile[j + 1], oTile[j + 2], tn, pre0, pre1, a, o + j, d);
                for (; j < d; j++) out2x1(oTile[j], tn, pre0, pre1, a[o + j], a[o + d + j]);
            }
            if (u < k) { // the last unit of an odd K
                int o = u * d;
                java.util.Arrays.fill(pre0, 0, tn, b[u]);
                for (int i = 0; i < d; i++) {
                    double wi = w[o + i];
                    double[] yi = yTile[i];
                    for (int q = 0; q < tn; q++) pre0[q] += wi * yi[q];
                }
                if (relu(pre0, tn)) {
                    for (int j = 0; j < d; j++) {
                        double aj = a[o + j];
                        double[] oj = oTile[j];
                        for (int q = 0; q < tn; q++) oj[q] += pre0[q] * aj;
                    }
                }
            }
            for (int i = 0; i < d; i++) System.arraycopy(oTile[i], 0, out, i * stride + t0, tn);
        }
    }

    /** oTile += V y over the tile: per output, acc = Σ_j v_ij y_j in order j (as {@link #denoise}), then added. */
    private void skipProduct(int tn) {
        for (int i = 0; i < d; i++) {
            java.util.Arrays.fill(acc, 0, tn, 0.0);
            int off = i * d, j = 0;
            for (; j + 3 <= d; j += 3) {
                double v0 = v[off + j], v1 = v[off + j + 1], v2 = v[off + j + 2];
                double[] y0 = yTile[j], y1 = yTile[j + 1], y2 = yTile[j + 2];
                for (int q = 0; q < tn; q++) acc[q] = acc[q] + v0 * y0[q] + v1 * y1[q] + v2 * y2[q];
            }
            for (; j < d; j++) {
                double vj = v[off + j];
                double[] yj = yTile[j];
                for (int q = 0; q < tn; q++) acc[q] += vj * yj[q];
            }
            double[] oi = oTile[i];
            for (int q = 0; q < tn; q++) oi[q] += acc[q];
        }
    }

    /**
     * p0 += w[o]·ya + w[o+1]·yb + w[o+2]·yc and p1 likewise from w[o+d…]: left to right, the single
     * path's order, each product and sum rounded on its own.
     */
    private static void pre2x3(double[] p0, double[] p1, int n, double[] ya, double[] yb, double[] yc, double[] w, int o, int d) {
        double a0 = w[o], b0 = w[o + 1], c0 = w[o + 2], a1 = w[o + d], b1 = w[o + d + 1], c1 = w[o + d + 2];
        for (int q = 0; q < n; q++) {
            double s = ya[q], t = yb[q], r = yc[q];
            p0[q] = p0[q] + a0 * s + b0 * t + c0 * r;
            p1[q] = p1[q] + a1 * s + b1 * t + c1 * r;
        }
    }

    /** {@link #pre2x3} into p0 = b0 + …, p1 = b1 + … (the biases as the starting accumulators). */
    private static void first2x3(double[] p0, double[] p1, int n, double[] ya, double[] yb, double[] yc, double[] w, int o, int d,
                                 double bias0, double bias1) {
        double a0 = w[o], b0 = w[o + 1], c0 = w[o + 2], a1 = w[o + d], b1 = w[o + d + 1], c1 = w[o + d + 2];
        for (int q = 0; q < n; q++) {
            double s = ya[q], t = yb[q], r = yc[q];
            p0[q] = bias0 + a0 * s + b0 * t + c0 * r;
            p1[q] = bias1 + a1 * s + b1 * t + c1 * r;
        }
    }

    /** p0 += w0·ya, p1 += w1·ya. */
    private static void pre2x1(double[] p0, double[] p1, int n, double[] ya, double w0, double w1) {
        for (int q = 0; q < n; q++) {
            double s = ya[q];
            p0[q] += w0 * s;
            p1[q] += w1 * s;
        }
    }

    /** oa += p0·a[o] + p1·a[o+d], ob and oc likewise from a[o+1…] and a[o+2…]: unit u before unit u+1. */
    private static void out2x3(double[] oa, double[] ob, double[] oc, int n, double[] p0, double[] p1, double[] a, int o, int d) {
        double a0 = a[o], b0 = a[o + 1], c0 = a[o + 2], a1 = a[o + d], b1 = a[o + d + 1], c1 = a[o + d + 2];
        for (int q = 0; q < n; q++) {
            double r0 = p0[q], r1 = p1[q];
            oa[q] = oa[q] + r0 * a0 + r1 * a1;
            ob[q] = ob[q] + r0 * b0 + r1 * b1;
            oc[q] = oc[q] + r0 * c0 + r1 * c1;
        }
    }

    /** oa += p0·a0 + p1·a1. */
    private static void out2x1(double[] oa, int n, double[] p0, double[] p1, double a0, double a1) {
        for (int q = 0; q < n; q++) oa[q] = oa[q] + p0[q] * a0 + p1[q] * a1;
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
