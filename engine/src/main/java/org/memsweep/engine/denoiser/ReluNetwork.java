package org.memsweep.engine.denoiser;

import jdk.incubator.vector.*;
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
    /** The widest vectors this CPU has (8 doubles with AVX-512); lanes are points of a tile. */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Vectors per block of points: 2 × 4 units' pre-activations (8 registers) plus loads fit AVX-512's 32 registers. */
    private static final int BLOCK = 2;
    /** Points per block; a tile is padded with zeros to whole blocks. */
    private static final int STEP = BLOCK * LANES;
    /** Length of the tile's arrays: {@value #TILE} points rounded up to whole blocks. */
    private static final int TILE_LENGTH = (TILE + STEP - 1) / STEP * STEP;
    private static final DoubleVector ZERO = DoubleVector.zero(SPECIES);
    private final double[] acc = new double[TILE_LENGTH]; // batch workspace: V y of one output
    private final double[][] yTile, oTile; // the tile, one array per coordinate

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
        this.yTile = new double[d][TILE_LENGTH];
        this.oTile = new double[d][TILE_LENGTH];
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

    /**
     * One tile of {@value #TILE} points: larger batches measured slower (2.5× per trajectory at 256 in
     * the flow with one network at every level), as the tile's rows then leave L1 between levels.
     */
    @Override
    public int preferredBatch() {
        return TILE;
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
     * The batch in tiles of {@value #TILE} points (copied into one array per coordinate, padded with zeros
     * to whole blocks), vectorised with the Vector API over the points: a block is {@link #BLOCK} vectors of
     * {@link #LANES} points, and units go in groups of four, so a group's pre-activations on a block (four
     * units × two vectors) stay in registers while pre_u = b_u + Σ_i w_ui y_i is summed over i in order,
     * go through the ReLU there and are added at once to the block's outputs, out_j += Σ_u [pre_u]₊ a_uj
     * over the group's units in order. A group inactive on the whole block skips that output pass. The
     * last K mod 4 units go one at a time. σ is ignored as in {@link #denoise}; every point gets the bits
     * of {@link #denoise}: per output the same terms in the same order (an inactive unit's term is ±0,
     * which leaves an output that is never −0 unchanged), separate lanewise multiplies and adds (no fused
     * multiply-add), and lanes are points, so nothing mixes points (padding lanes are computed and dropped).
     */
    @Override
    public void denoiseBatch(double[] y, int count, int stride, double sigma, double[] out) {
        for (int t0 = 0; t0 < count; t0 += TILE) {
            int tn = Math.min(TILE, count - t0);
            int padded = (tn + STEP - 1) / STEP * STEP;
            for (int i = 0; i < d; i++) {
                System.arraycopy(y, i * stride + t0, yTile[i], 0, tn);
                java.util.Arrays.fill(yTile[i], tn, padded, 0.0);
                java.util.Arrays.fill(oTile[i], 0, padded, c[i]);
            }
            if (v != null) skipProduct(padded);
            for (int q = 0; q < padded; q += STEP) {
                int u = 0;
                for (; u + 4 <= k; u += 4) group4(q, u);
                for (; u < k; u++) unit1(q, u);
            }
            for (int i = 0; i < d; i++) System.arraycopy(oTile[i], 0, out, i * stride + t0, tn);
        }
    }

    /** Units u…u+3 on the block of points q…q+{@link #STEP}: pre-activations, ReLU, outputs (see {@link #denoiseBatch}). */
    private void group4(int q, int u) {
        int o0 = u * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d, q1 = q + LANES;
        DoubleVector p00 = DoubleVector.broadcast(SPECIES, b[u]), p01 = p00;
        DoubleVector p10 = DoubleVector.broadcast(SPECIES, b[u + 1]), p11 = p10;
        DoubleVector p20 = DoubleVector.broadcast(SPECIES, b[u + 2]), p21 = p20;
        DoubleVector p30 = DoubleVector.broadcast(SPECIES, b[u + 3]), p31 = p30;
        for (int i = 0; i < d; i++) {
            double[] yi = yTile[i];
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, yi, q), y1 = DoubleVector.fromArray(SPECIES, yi, q1);
            double w0 = w[o0 + i], w1 = w[o1 + i], w2 = w[o2 + i], w3 = w[o3 + i];
            p00 = p00.add(y0.mul(w0));
            p01 = p01.add(y1.mul(w0));
            p10 = p10.add(y0.mul(w1));
            p11 = p11.add(y1.mul(w1));
            p20 = p20.add(y0.mul(w2));
            p21 = p21.add(y1.mul(w2));
            p30 = p30.add(y0.mul(w3));
            p31 = p31.add(y1.mul(w3));
        }
        // [p]₊ as p > 0 ? p : 0, so NaN counts as inactive as in the single path (max would keep NaN).
        VectorMask<Double> m00 = p00.compare(VectorOperators.GT, 0.0), m01 = p01.compare(VectorOperators.GT, 0.0);
        VectorMask<Double> m10 = p10.compare(VectorOperators.GT, 0.0), m11 = p11.compare(VectorOperators.GT, 0.0);
        VectorMask<Double> m20 = p20.compare(VectorOperators.GT, 0.0), m21 = p21.compare(VectorOperators.GT, 0.0);
        VectorMask<Double> m30 = p30.compare(VectorOperators.GT, 0.0), m31 = p31.compare(VectorOperators.GT, 0.0);
        if (!m00.or(m01).or(m10).or(m11).or(m20).or(m21).or(m30).or(m31).anyTrue()) return;
        DoubleVector r00 = ZERO.blend(p00, m00), r01 = ZERO.blend(p01, m01);
        DoubleVector r10 = ZERO.blend(p10, m10), r11 = ZERO.blend(p11, m11);
        DoubleVector r20 = ZERO.blend(p20, m20), r21 = ZERO.blend(p21, m21);
        DoubleVector r30 = ZERO.blend(p30, m30), r31 = ZERO.blend(p31, m31);
        for (int j = 0; j < d; j++) {
            double[] oj = oTile[j];
            double a0 = a[o0 + j], a1 = a[o1 + j], a2 = a[o2 + j], a3 = a[o3 + j];
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, oj, q), x1 = DoubleVector.fromArray(SPECIES, oj, q1);
            x0 = x0.add(r00.mul(a0)).add(r10.mul(a1)).add(r20.mul(a2)).add(r30.mul(a3));
            x1 = x1.add(r01.mul(a0)).add(r11.mul(a1)).add(r21.mul(a2)).add(r31.mul(a3));
            x0.intoArray(oj, q);
            x1.intoArray(oj, q1);
        }
    }

    /** One unit u on the block of points q…q+{@link #STEP} (the last K mod 4 units). */
    private void unit1(int q, int u) {
        int o = u * d, q1 = q + LANES;
        DoubleVector p0 = DoubleVector.broadcast(SPECIES, b[u]), p1 = p0;
        for (int i = 0; i < d; i++) {
            double[] yi = yTile[i];
            double wi = w[o + i];
            p0 = p0.add(DoubleVector.fromArray(SPECIES, yi, q).mul(wi));
            p1 = p1.add(DoubleVector.fromArray(SPECIES, yi, q1).mul(wi));
        }
        VectorMask<Double> m0 = p0.compare(VectorOperators.GT, 0.0), m1 = p1.compare(VectorOperators.GT, 0.0);
        if (!m0.or(m1).anyTrue()) return;
        DoubleVector r0 = ZERO.blend(p0, m0), r1 = ZERO.blend(p1, m1);
        for (int j = 0; j < d; j++) {
            double[] oj = oTile[j];
            double aj = a[o + j];
            DoubleVector.fromArray(SPECIES, oj, q).add(r0.mul(aj)).intoArray(oj, q);
            DoubleVector.fromArray(SPECIES, oj, q1).add(r1.mul(aj)).intoArray(oj, q1);
        }
    }

    /** oTile += V y over the first n points of the tile: per output, acc = Σ_j v_ij y_j in order j (as {@link #denoise}), then added. */
    private void skipProduct(int n) {
        for (int i = 0; i < d; i++) {
            java.util.Arrays.fill(acc, 0, n, 0.0);
            int off = i * d, j = 0;
            for (; j + 3 <= d; j += 3) {
                double v0 = v[off + j], v1 = v[off + j + 1], v2 = v[off + j + 2];
                double[] y0 = yTile[j], y1 = yTile[j + 1], y2 = yTile[j + 2];
                for (int q = 0; q < n; q++) acc[q] = acc[q] + v0 * y0[q] + v1 * y1[q] + v2 * y2[q];
            }
            for (; j < d; j++) {
                double vj = v[off + j];
                double[] yj = yTile[j];
                for (int q = 0; q < n; q++) acc[q] += vj * yj[q];
            }
            double[] oi = oTile[i];
            for (int q = 0; q < n; q++) oi[q] += acc[q];
        }
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
