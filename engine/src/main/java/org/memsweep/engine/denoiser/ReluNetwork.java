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
    /** Vectors per block of points: 2 × 6 outputs (12 registers) plus loads fit AVX-512's 32 registers. */
    private static final int BLOCK = 2;
    /** Points per block; a tile is padded with zeros to whole blocks. */
    private static final int STEP = BLOCK * LANES;
    /** Length of the tile's arrays: {@value #TILE} points rounded up to whole blocks. */
    private static final int TILE_LENGTH = (TILE + STEP - 1) / STEP * STEP;
    private static final DoubleVector ZERO = DoubleVector.zero(SPECIES);
    private final double[] yTile, oTile; // the tile, coordinate-major: coordinate i of point q at i × TILE_LENGTH + q
    private final double[] hidden; // a block's hidden layer [pre_u]₊: unit u's STEP points at u × STEP
    private final int[] units; // the units active on some point of the block, in order

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
        this.yTile = new double[d * TILE_LENGTH];
        this.oTile = new double[d * TILE_LENGTH];
        this.hidden = new double[k * STEP];
        this.units = new int[k]; // unit u is written at position active ≤ u
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
     * The batch in tiles of {@value #TILE} points (copied into one flat coordinate-major array, padded with
     * zeros to whole blocks), vectorised with the Vector API over the points: a block is {@link #BLOCK}
     * vectors of {@link #LANES} points, and the two products run one after the other on it. First the
     * hidden layer: units go in groups of four, a group's pre-activations (four units × two vectors) stay in
     * registers while pre_u = b_u + Σ_i w_ui y_i is summed over i in order, then go through the ReLU into
     * the block's hidden scratch (K rows of {@link #STEP} points); the units active on some point of the
     * block are listed. Then the output layer: six output rows at a time (twelve accumulators in registers,
     * each loaded and stored once per block), out_j += [pre_u]₊ a_uj over the listed units in order. The
     * last K mod 4 units and d mod 6 outputs go one at a time. σ is ignored as in {@link #denoise}; every
     * point gets the bits of {@link #denoise}: per output the same terms in the same order (an inactive
     * unit's term is ±0, which leaves an output that is never −0 unchanged, and a unit inactive on the
     * whole block is left out as there), separate lanewise multiplies and adds (no fused multiply-add),
     * and lanes are points, so nothing mixes points (padding lanes are computed and dropped).
     */
    @Override
    public void denoiseBatch(double[] y, int count, int stride, double sigma, double[] out) {
        for (int t0 = 0; t0 < count; t0 += TILE) {
            int tn = Math.min(TILE, count - t0);
            int padded = (tn + STEP - 1) / STEP * STEP;
            for (int i = 0; i < d; i++) {
                int row = i * TILE_LENGTH;
                System.arraycopy(y, i * stride + t0, yTile, row, tn);
                java.util.Arrays.fill(yTile, row + tn, row + padded, 0.0);
            }
            for (int q = 0; q < padded; q += STEP) {
                int active = 0, u = 0;
                for (; u + 4 <= k; u += 4) active = hidden4(q, u, active);
                for (; u < k; u++) active = hidden1(q, u, active);
                int j = 0;
                for (; j + 6 <= d; j += 6) output6(q, j, active);
                for (; j < d; j++) output1(q, j, active);
            }
            for (int i = 0; i < d; i++) System.arraycopy(oTile, i * TILE_LENGTH, out, i * stride + t0, tn);
        }
    }

    /**
     * Units u…u+3 on the block of points q…q+{@link #STEP}: pre-activations and ReLU into the hidden scratch;
     * those active on some point of the block are appended to the list from position {@code active}.
     * @return the list's new length
     */
    private int hidden4(int q, int u, int active) {
        int o0 = u * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
        DoubleVector p00 = DoubleVector.broadcast(SPECIES, b[u]), p01 = p00;
        DoubleVector p10 = DoubleVector.broadcast(SPECIES, b[u + 1]), p11 = p10;
        DoubleVector p20 = DoubleVector.broadcast(SPECIES, b[u + 2]), p21 = p20;
        DoubleVector p30 = DoubleVector.broadcast(SPECIES, b[u + 3]), p31 = p30;
        for (int i = 0; i < d; i++) {
            int yi = i * TILE_LENGTH + q;
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, yTile, yi), y1 = DoubleVector.fromArray(SPECIES, yTile, yi + LANES);
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
        active = relu(p00, p01, u, active);
        active = relu(p10, p11, u + 1, active);
        active = relu(p20, p21, u + 2, active);
        return relu(p30, p31, u + 3, active);
    }

    /** One unit u on the block of points q…q+{@link #STEP} (the last K mod 4 units), as {@link #hidden4}. */
    private int hidden1(int q, int u, int active) {
        int o = u * d;
        DoubleVector p0 = DoubleVector.broadcast(SPECIES, b[u]), p1 = p0;
        for (int i = 0; i < d; i++) {
            int yi = i * TILE_LENGTH + q;
            double wi = w[o + i];
            p0 = p0.add(DoubleVector.fromArray(SPECIES, yTile, yi).mul(wi));
            p1 = p1.add(DoubleVector.fromArray(SPECIES, yTile, yi + LANES).mul(wi));
        }
        return relu(p0, p1, u, active);
    }

    /**
     * [p]₊ of unit u's pre-activations on a block into its row of the hidden scratch, as p > 0 ? p : 0 so
     * that NaN counts as inactive as in the single path (max would keep NaN); u is listed (without a branch:
     * the list's next slot is overwritten when u is inactive) when it is active on some point.
     */
    private int relu(DoubleVector p0, DoubleVector p1, int u, int active) {
        VectorMask<Double> m0 = p0.compare(VectorOperators.GT, 0.0), m1 = p1.compare(VectorOperators.GT, 0.0);
        ZERO.blend(p0, m0).intoArray(hidden, u * STEP);
        ZERO.blend(p1, m1).intoArray(hidden, u * STEP + LANES);
        units[active] = u;
        return active + (m0.or(m1).anyTrue() ? 1 : 0);
    }

    /**
     * Outputs j…j+5 on the block of points q…q+{@link #STEP}, as {@link #denoise}: out_j = c_j, plus
     * (Σ_i v_ji y_i from +0 in order i) when V is given, then out_j += [pre_u]₊ a_uj over the first
     * {@code active} listed units in order; each output row is stored once.
     */
    private void output6(int q, int j, int active) {
        int r0 = j * TILE_LENGTH + q, r1 = r0 + TILE_LENGTH, r2 = r1 + TILE_LENGTH, r3 = r2 + TILE_LENGTH,
                r4 = r3 + TILE_LENGTH, r5 = r4 + TILE_LENGTH;
        // A zero made here, not the constant ZERO: C2 keeps a loop's vectors in registers only when all
        // its inputs are vectors it made (a constant object in a loop's phi boxes every vector of it).
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector x00 = zero, x01 = zero, x10 = zero, x11 = zero, x20 = zero, x21 = zero;
        DoubleVector x30 = zero, x31 = zero, x40 = zero, x41 = zero, x50 = zero, x51 = zero;
        if (v != null) {
            // The skip sums from +0 first, then c_j + the sum, as in denoise; only 12 accumulators live at once.
            int v0 = j * d, v1 = v0 + d, v2 = v1 + d, v3 = v2 + d, v4 = v3 + d, v5 = v4 + d;
            for (int i = 0; i < d; i++) {
                int yi = i * TILE_LENGTH + q;
                DoubleVector y0 = DoubleVector.fromArray(SPECIES, yTile, yi), y1 = DoubleVector.fromArray(SPECIES, yTile, yi + LANES);
                double e0 = v[v0 + i], e1 = v[v1 + i], e2 = v[v2 + i], e3 = v[v3 + i], e4 = v[v4 + i], e5 = v[v5 + i];
                x00 = x00.add(y0.mul(e0));
                x01 = x01.add(y1.mul(e0));
                x10 = x10.add(y0.mul(e1));
                x11 = x11.add(y1.mul(e1));
                x20 = x20.add(y0.mul(e2));
                x21 = x21.add(y1.mul(e2));
                x30 = x30.add(y0.mul(e3));
                x31 = x31.add(y1.mul(e3));
                x40 = x40.add(y0.mul(e4));
                x41 = x41.add(y1.mul(e4));
                x50 = x50.add(y0.mul(e5));
                x51 = x51.add(y1.mul(e5));
            }
        }
        // out_j = c_j (+ the skip sum): c_j + (+0) is c_j, which is never −0
        DoubleVector c0 = DoubleVector.broadcast(SPECIES, c[j]), c1 = DoubleVector.broadcast(SPECIES, c[j + 1]);
        DoubleVector c2 = DoubleVector.broadcast(SPECIES, c[j + 2]), c3 = DoubleVector.broadcast(SPECIES, c[j + 3]);
        DoubleVector c4 = DoubleVector.broadcast(SPECIES, c[j + 4]), c5 = DoubleVector.broadcast(SPECIES, c[j + 5]);
        x00 = c0.add(x00);
        x01 = c0.add(x01);
        x10 = c1.add(x10);
        x11 = c1.add(x11);
        x20 = c2.add(x20);
        x21 = c2.add(x21);
        x30 = c3.add(x30);
        x31 = c3.add(x31);
        x40 = c4.add(x40);
        x41 = c4.add(x41);
        x50 = c5.add(x50);
        x51 = c5.add(x51);
        for (int s = 0; s < active; s++) {
            int u = units[s], h = u * STEP, o = u * d + j;
            DoubleVector h0 = DoubleVector.fromArray(SPECIES, hidden, h), h1 = DoubleVector.fromArray(SPECIES, hidden, h + LANES);
            double a0 = a[o], a1 = a[o + 1], a2 = a[o + 2], a3 = a[o + 3], a4 = a[o + 4], a5 = a[o + 5];
            x00 = x00.add(h0.mul(a0));
            x01 = x01.add(h1.mul(a0));
            x10 = x10.add(h0.mul(a1));
            x11 = x11.add(h1.mul(a1));
            x20 = x20.add(h0.mul(a2));
            x21 = x21.add(h1.mul(a2));
            x30 = x30.add(h0.mul(a3));
            x31 = x31.add(h1.mul(a3));
            x40 = x40.add(h0.mul(a4));
            x41 = x41.add(h1.mul(a4));
            x50 = x50.add(h0.mul(a5));
            x51 = x51.add(h1.mul(a5));
        }
        x00.intoArray(oTile, r0);
        x01.intoArray(oTile, r0 + LANES);
        x10.intoArray(oTile, r1);
        x11.intoArray(oTile, r1 + LANES);
        x20.intoArray(oTile, r2);
        x21.intoArray(oTile, r2 + LANES);
        x30.intoArray(oTile, r3);
        x31.intoArray(oTile, r3 + LANES);
        x40.intoArray(oTile, r4);
        x41.intoArray(oTile, r4 + LANES);
        x50.intoArray(oTile, r5);
        x51.intoArray(oTile, r5 + LANES);
    }

    /** Output j on the block of points q…q+{@link #STEP} (the last d mod 6 outputs), as {@link #output6}. */
    private void output1(int q, int j, int active) {
        int r = j * TILE_LENGTH + q;
        DoubleVector x0 = DoubleVector.zero(SPECIES), x1 = x0; // not ZERO, see output6
        if (v != null) {
            int vj = j * d;
            for (int i = 0; i < d; i++) {
                int yi = i * TILE_LENGTH + q;
                double e = v[vj + i];
                x0 = x0.add(DoubleVector.fromArray(SPECIES, yTile, yi).mul(e));
                x1 = x1.add(DoubleVector.fromArray(SPECIES, yTile, yi + LANES).mul(e));
            }
        }
        DoubleVector cj = DoubleVector.broadcast(SPECIES, c[j]);
        x0 = cj.add(x0);
        x1 = cj.add(x1);
        for (int s = 0; s < active; s++) {
            int u = units[s], h = u * STEP;
            double aj = a[u * d + j];
            x0 = x0.add(DoubleVector.fromArray(SPECIES, hidden, h).mul(aj));
            x1 = x1.add(DoubleVector.fromArray(SPECIES, hidden, h + LANES).mul(aj));
        }
        x0.intoArray(oTile, r);
        x1.intoArray(oTile, r + LANES);
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
