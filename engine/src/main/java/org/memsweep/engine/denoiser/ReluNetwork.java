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
    /**
     * The input weights again for the batch kernel's groups of four units u…u+3 (u a multiple of 4): w_{u+t,i}
     * at u·d + 4i + t, so a group's four weights for one input are adjacent (one stream instead of four;
     * measured +4 % on the bench's network).
     */
    private final double[] wGroups;
    /** Batch points per tile: a tile's inputs and outputs stay in the L1/L2 cache across the K units. */
    private static final int TILE = 128;
    /** The widest vectors this CPU has (8 doubles with AVX-512); lanes are points of a tile. */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /**
     * Vectors per block of points: four of them × four units (16 registers) or × five outputs (20) plus
     * their operands fit AVX-512's 32 registers; 128 points are whole blocks of 32. Measured against two
     * vectors (× 4 units, × 6 outputs): +10 % on the bench's network (d = 30, K = 256).
     */
    private static final int BLOCK = 4;
    /** Points per block; a tile is padded with zeros to whole blocks. */
    private static final int STEP = BLOCK * LANES;
    /** Length of the tile's arrays: {@value #TILE} points rounded up to whole blocks. */
    private static final int TILE_LENGTH = (TILE + STEP - 1) / STEP * STEP;
    private static final DoubleVector ZERO = DoubleVector.zero(SPECIES);
    private final double[] yTile, oTile; // the tile, coordinate-major: coordinate i of point q at i × TILE_LENGTH + q
    /**
     * Units per chunk: a chunk's hidden scratch (64 × {@link #STEP} doubles, 16 KB) stays in L1 between the
     * two products, at the cost of loading and storing the block's outputs once per chunk. A multiple of 4,
     * so that a chunk's groups of four units are those of {@link #wGroups}.
     */
    private static final int CHUNK = 64;
    private final double[] hidden; // a block's hidden layer [pre_u]₊ on a chunk: unit first + r's STEP points at r × STEP
    private final int[] units; // the chunk's units active on some point of the block, in order

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
        this.wGroups = new double[k * d];
        for (int u = 0; u + 4 <= k; u += 4) {
            for (int i = 0; i < d; i++) for (int t = 0; t < 4; t++) wGroups[u * d + 4 * i + t] = this.w[(u + t) * d + i];
        }
        this.hidden = new double[Math.min(k, CHUNK) * STEP];
        this.units = new int[Math.min(k, CHUNK)]; // a chunk's unit u is written at position active ≤ u − first
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
     * vectors of {@link #LANES} points, and the units go in chunks of {@value #CHUNK}, each through the two
     * products one after the other. First the hidden layer: units in groups of four, a group's
     * pre-activations (four units × four vectors) in registers while pre_u = b_u + Σ_i w_ui y_i is summed
     * over i in order, then through the ReLU into the hidden scratch (the chunk's rows of {@link #STEP}
     * points, which stays in L1), listing the units active on some point of the block. Then the output
     * layer: five output rows at a time (twenty accumulators in registers), out_j = c_j + Σ_i v_ji y_i in
     * the first chunk, else as the chunk before left it, then out_j += [pre_u]₊ a_uj over the chunk's listed
     * units in order. The last K mod 4 units and d mod 5 outputs go one at a time. σ is ignored as in
     * {@link #denoise}; every point gets the bits of {@link #denoise}: per output the same terms in the
     * same order (an inactive unit's term is ±0, which leaves an output that is never −0 unchanged, and a
     * unit inactive on the whole block is left out as there), separate lanewise multiplies and adds (no
     * fused multiply-add), and lanes are points, so nothing mixes points (padding lanes are computed and
     * dropped). Vectors never cross a method boundary (C2 would box them): each method loads and stores
     * its own.
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
                for (int first = 0; first == 0 || first < k; first += CHUNK) { // K = 0: one empty chunk for c + V y
                    int end = Math.min(k, first + CHUNK), active = 0, u = first;
                    for (; u + 4 <= end; u += 4) active = hidden4(q, u, first, active);
                    for (; u < end; u++) active = hidden1(q, u, first, active);
                    int j = 0;
                    for (; j + 5 <= d; j += 5) output5(q, j, first, active);
                    for (; j < d; j++) output1(q, j, first, active);
                }
            }
            for (int i = 0; i < d; i++) System.arraycopy(oTile, i * TILE_LENGTH, out, i * stride + t0, tn);
        }
    }

    /**
     * Units u…u+3 (of the chunk from unit {@code first}) on the block of points q…q+{@link #STEP}:
     * pre-activations, and [p]₊ into the hidden scratch as p > 0 ? p : 0 (NaN counts as inactive, as in the
     * single path; max would keep NaN). Each unit is written to the list at {@code active} and kept (no
     * branch) when it is active on some point of the block.
     * @return the list's new length
     */
    private int hidden4(int q, int u, int first, int active) {
        int g = u * d;
        DoubleVector p00 = DoubleVector.broadcast(SPECIES, b[u]), p01 = p00, p02 = p00, p03 = p00;
        DoubleVector p10 = DoubleVector.broadcast(SPECIES, b[u + 1]), p11 = p10, p12 = p10, p13 = p10;
        DoubleVector p20 = DoubleVector.broadcast(SPECIES, b[u + 2]), p21 = p20, p22 = p20, p23 = p20;
        DoubleVector p30 = DoubleVector.broadcast(SPECIES, b[u + 3]), p31 = p30, p32 = p30, p33 = p30;
        for (int i = 0; i < d; i++) {
            int yi = i * TILE_LENGTH + q;
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, yTile, yi), y1 = DoubleVector.fromArray(SPECIES, yTile, yi + LANES);
            DoubleVector y2 = DoubleVector.fromArray(SPECIES, yTile, yi + 2 * LANES), y3 = DoubleVector.fromArray(SPECIES, yTile, yi + 3 * LANES);
            int gi = g + 4 * i;
            double w0 = wGroups[gi], w1 = wGroups[gi + 1], w2 = wGroups[gi + 2], w3 = wGroups[gi + 3];
            p00 = p00.add(y0.mul(w0));
            p01 = p01.add(y1.mul(w0));
            p02 = p02.add(y2.mul(w0));
            p03 = p03.add(y3.mul(w0));
            p10 = p10.add(y0.mul(w1));
            p11 = p11.add(y1.mul(w1));
            p12 = p12.add(y2.mul(w1));
            p13 = p13.add(y3.mul(w1));
            p20 = p20.add(y0.mul(w2));
            p21 = p21.add(y1.mul(w2));
            p22 = p22.add(y2.mul(w2));
            p23 = p23.add(y3.mul(w2));
            p30 = p30.add(y0.mul(w3));
            p31 = p31.add(y1.mul(w3));
            p32 = p32.add(y2.mul(w3));
            p33 = p33.add(y3.mul(w3));
        }
        // The ReLU written out for each unit: a helper taking the vectors would box them unless inlined.
        int h0 = (u - first) * STEP;
        VectorMask<Double> m00 = p00.compare(VectorOperators.GT, 0.0), m01 = p01.compare(VectorOperators.GT, 0.0);
        VectorMask<Double> m02 = p02.compare(VectorOperators.GT, 0.0), m03 = p03.compare(VectorOperators.GT, 0.0);
        ZERO.blend(p00, m00).intoArray(hidden, h0);
        ZERO.blend(p01, m01).intoArray(hidden, h0 + LANES);
        ZERO.blend(p02, m02).intoArray(hidden, h0 + 2 * LANES);
        ZERO.blend(p03, m03).intoArray(hidden, h0 + 3 * LANES);
        units[active] = u;
        active += m00.or(m01).or(m02).or(m03).anyTrue() ? 1 : 0;
        int h1 = (u + 1 - first) * STEP;
        VectorMask<Double> m10 = p10.compare(VectorOperators.GT, 0.0), m11 = p11.compare(VectorOperators.GT, 0.0);
        VectorMask<Double> m12 = p12.compare(VectorOperators.GT, 0.0), m13 = p13.compare(VectorOperators.GT, 0.0);
        ZERO.blend(p10, m10).intoArray(hidden, h1);
        ZERO.blend(p11, m11).intoArray(hidden, h1 + LANES);
        ZERO.blend(p12, m12).intoArray(hidden, h1 + 2 * LANES);
        ZERO.blend(p13, m13).intoArray(hidden, h1 + 3 * LANES);
        units[active] = u + 1;
        active += m10.or(m11).or(m12).or(m13).anyTrue() ? 1 : 0;
        int h2 = (u + 2 - first) * STEP;
        VectorMask<Double> m20 = p20.compare(VectorOperators.GT, 0.0), m21 = p21.compare(VectorOperators.GT, 0.0);
        VectorMask<Double> m22 = p22.compare(VectorOperators.GT, 0.0), m23 = p23.compare(VectorOperators.GT, 0.0);
        ZERO.blend(p20, m20).intoArray(hidden, h2);
        ZERO.blend(p21, m21).intoArray(hidden, h2 + LANES);
        ZERO.blend(p22, m22).intoArray(hidden, h2 + 2 * LANES);
        ZERO.blend(p23, m23).intoArray(hidden, h2 + 3 * LANES);
        units[active] = u + 2;
        active += m20.or(m21).or(m22).or(m23).anyTrue() ? 1 : 0;
        int h3 = (u + 3 - first) * STEP;
        VectorMask<Double> m30 = p30.compare(VectorOperators.GT, 0.0), m31 = p31.compare(VectorOperators.GT, 0.0);
        VectorMask<Double> m32 = p32.compare(VectorOperators.GT, 0.0), m33 = p33.compare(VectorOperators.GT, 0.0);
        ZERO.blend(p30, m30).intoArray(hidden, h3);
        ZERO.blend(p31, m31).intoArray(hidden, h3 + LANES);
        ZERO.blend(p32, m32).intoArray(hidden, h3 + 2 * LANES);
        ZERO.blend(p33, m33).intoArray(hidden, h3 + 3 * LANES);
        units[active] = u + 3;
        active += m30.or(m31).or(m32).or(m33).anyTrue() ? 1 : 0;
        return active;
    }

    /** One unit u on the block of points q…q+{@link #STEP} (the last K mod 4 units of a chunk), as {@link #hidden4}. */
    private int hidden1(int q, int u, int first, int active) {
        int o = u * d;
        DoubleVector p0 = DoubleVector.broadcast(SPECIES, b[u]), p1 = p0, p2 = p0, p3 = p0;
        for (int i = 0; i < d; i++) {
            int yi = i * TILE_LENGTH + q;
            double wi = w[o + i];
            p0 = p0.add(DoubleVector.fromArray(SPECIES, yTile, yi).mul(wi));
            p1 = p1.add(DoubleVector.fromArray(SPECIES, yTile, yi + LANES).mul(wi));
            p2 = p2.add(DoubleVector.fromArray(SPECIES, yTile, yi + 2 * LANES).mul(wi));
            p3 = p3.add(DoubleVector.fromArray(SPECIES, yTile, yi + 3 * LANES).mul(wi));
        }
        int h = (u - first) * STEP;
        VectorMask<Double> m0 = p0.compare(VectorOperators.GT, 0.0), m1 = p1.compare(VectorOperators.GT, 0.0);
        VectorMask<Double> m2 = p2.compare(VectorOperators.GT, 0.0), m3 = p3.compare(VectorOperators.GT, 0.0);
        ZERO.blend(p0, m0).intoArray(hidden, h);
        ZERO.blend(p1, m1).intoArray(hidden, h + LANES);
        ZERO.blend(p2, m2).intoArray(hidden, h + 2 * LANES);
        ZERO.blend(p3, m3).intoArray(hidden, h + 3 * LANES);
        units[active] = u;
        return active + (m0.or(m1).or(m2).or(m3).anyTrue() ? 1 : 0);
    }

    /**
     * Outputs j…j+4 on the block of points q…q+{@link #STEP} for the chunk from unit {@code first}, as
     * {@link #denoise}: in the first chunk out_j = c_j, plus (Σ_i v_ji y_i from +0 in order i) when V is
     * given; in a later one out_j as the tile holds it; then out_j += [pre_u]₊ a_uj over the chunk's first
     * {@code active} listed units in order.
     */
    private void output5(int q, int j, int first, int active) {
        int r0 = j * TILE_LENGTH + q, r1 = r0 + TILE_LENGTH, r2 = r1 + TILE_LENGTH, r3 = r2 + TILE_LENGTH, r4 = r3 + TILE_LENGTH;
        DoubleVector x00, x01, x02, x03, x10, x11, x12, x13, x20, x21, x22, x23, x30, x31, x32, x33, x40, x41, x42, x43;
        if (first == 0) {
            // A zero made here, not the constant ZERO: C2 keeps a loop's vectors in registers only when all
            // its inputs are vectors it made (a constant object in a loop's phi boxes every vector of it).
            DoubleVector zero = DoubleVector.zero(SPECIES);
            x00 = x01 = x02 = x03 = x10 = x11 = x12 = x13 = x20 = x21 = x22 = x23 = x30 = x31 = x32 = x33 = x40 = x41 = x42 = x43 = zero;
            if (v != null) {
                // The skip sums from +0 first, then c_j + the sum, as in denoise.
                int v0 = j * d, v1 = v0 + d, v2 = v1 + d, v3 = v2 + d, v4 = v3 + d;
                for (int i = 0; i < d; i++) {
                    int yi = i * TILE_LENGTH + q;
                    DoubleVector y0 = DoubleVector.fromArray(SPECIES, yTile, yi), y1 = DoubleVector.fromArray(SPECIES, yTile, yi + LANES);
                    DoubleVector y2 = DoubleVector.fromArray(SPECIES, yTile, yi + 2 * LANES), y3 = DoubleVector.fromArray(SPECIES, yTile, yi + 3 * LANES);
                    double e0 = v[v0 + i], e1 = v[v1 + i], e2 = v[v2 + i], e3 = v[v3 + i], e4 = v[v4 + i];
                    x00 = x00.add(y0.mul(e0));
                    x01 = x01.add(y1.mul(e0));
                    x02 = x02.add(y2.mul(e0));
                    x03 = x03.add(y3.mul(e0));
                    x10 = x10.add(y0.mul(e1));
                    x11 = x11.add(y1.mul(e1));
                    x12 = x12.add(y2.mul(e1));
                    x13 = x13.add(y3.mul(e1));
                    x20 = x20.add(y0.mul(e2));
                    x21 = x21.add(y1.mul(e2));
                    x22 = x22.add(y2.mul(e2));
                    x23 = x23.add(y3.mul(e2));
                    x30 = x30.add(y0.mul(e3));
                    x31 = x31.add(y1.mul(e3));
                    x32 = x32.add(y2.mul(e3));
                    x33 = x33.add(y3.mul(e3));
                    x40 = x40.add(y0.mul(e4));
                    x41 = x41.add(y1.mul(e4));
                    x42 = x42.add(y2.mul(e4));
                    x43 = x43.add(y3.mul(e4));
                }
            }
            // c_j + (+0) is c_j, which is never −0
            DoubleVector c0 = DoubleVector.broadcast(SPECIES, c[j]);
            x00 = c0.add(x00); x01 = c0.add(x01); x02 = c0.add(x02); x03 = c0.add(x03);
            DoubleVector c1 = DoubleVector.broadcast(SPECIES, c[j + 1]);
            x10 = c1.add(x10); x11 = c1.add(x11); x12 = c1.add(x12); x13 = c1.add(x13);
            DoubleVector c2 = DoubleVector.broadcast(SPECIES, c[j + 2]);
            x20 = c2.add(x20); x21 = c2.add(x21); x22 = c2.add(x22); x23 = c2.add(x23);
            DoubleVector c3 = DoubleVector.broadcast(SPECIES, c[j + 3]);
            x30 = c3.add(x30); x31 = c3.add(x31); x32 = c3.add(x32); x33 = c3.add(x33);
            DoubleVector c4 = DoubleVector.broadcast(SPECIES, c[j + 4]);
            x40 = c4.add(x40); x41 = c4.add(x41); x42 = c4.add(x42); x43 = c4.add(x43);
        } else {
            x00 = DoubleVector.fromArray(SPECIES, oTile, r0);
            x01 = DoubleVector.fromArray(SPECIES, oTile, r0 + LANES);
            x02 = DoubleVector.fromArray(SPECIES, oTile, r0 + 2 * LANES);
            x03 = DoubleVector.fromArray(SPECIES, oTile, r0 + 3 * LANES);
            x10 = DoubleVector.fromArray(SPECIES, oTile, r1);
            x11 = DoubleVector.fromArray(SPECIES, oTile, r1 + LANES);
            x12 = DoubleVector.fromArray(SPECIES, oTile, r1 + 2 * LANES);
            x13 = DoubleVector.fromArray(SPECIES, oTile, r1 + 3 * LANES);
            x20 = DoubleVector.fromArray(SPECIES, oTile, r2);
            x21 = DoubleVector.fromArray(SPECIES, oTile, r2 + LANES);
            x22 = DoubleVector.fromArray(SPECIES, oTile, r2 + 2 * LANES);
            x23 = DoubleVector.fromArray(SPECIES, oTile, r2 + 3 * LANES);
            x30 = DoubleVector.fromArray(SPECIES, oTile, r3);
            x31 = DoubleVector.fromArray(SPECIES, oTile, r3 + LANES);
            x32 = DoubleVector.fromArray(SPECIES, oTile, r3 + 2 * LANES);
            x33 = DoubleVector.fromArray(SPECIES, oTile, r3 + 3 * LANES);
            x40 = DoubleVector.fromArray(SPECIES, oTile, r4);
            x41 = DoubleVector.fromArray(SPECIES, oTile, r4 + LANES);
            x42 = DoubleVector.fromArray(SPECIES, oTile, r4 + 2 * LANES);
            x43 = DoubleVector.fromArray(SPECIES, oTile, r4 + 3 * LANES);
        }
        for (int s = 0; s < active; s++) {
            int u = units[s], h = (u - first) * STEP, o = u * d + j;
            DoubleVector h0 = DoubleVector.fromArray(SPECIES, hidden, h), h1 = DoubleVector.fromArray(SPECIES, hidden, h + LANES);
            DoubleVector h2 = DoubleVector.fromArray(SPECIES, hidden, h + 2 * LANES), h3 = DoubleVector.fromArray(SPECIES, hidden, h + 3 * LANES);
            double a0 = a[o], a1 = a[o + 1], a2 = a[o + 2], a3 = a[o + 3], a4 = a[o + 4];
            x00 = x00.add(h0.mul(a0));
            x01 = x01.add(h1.mul(a0));
            x02 = x02.add(h2.mul(a0));
            x03 = x03.add(h3.mul(a0));
            x10 = x10.add(h0.mul(a1));
            x11 = x11.add(h1.mul(a1));
            x12 = x12.add(h2.mul(a1));
            x13 = x13.add(h3.mul(a1));
            x20 = x20.add(h0.mul(a2));
            x21 = x21.add(h1.mul(a2));
            x22 = x22.add(h2.mul(a2));
            x23 = x23.add(h3.mul(a2));
            x30 = x30.add(h0.mul(a3));
            x31 = x31.add(h1.mul(a3));
            x32 = x32.add(h2.mul(a3));
            x33 = x33.add(h3.mul(a3));
            x40 = x40.add(h0.mul(a4));
            x41 = x41.add(h1.mul(a4));
            x42 = x42.add(h2.mul(a4));
            x43 = x43.add(h3.mul(a4));
        }
        x00.intoArray(oTile, r0);
        x01.intoArray(oTile, r0 + LANES);
        x02.intoArray(oTile, r0 + 2 * LANES);
        x03.intoArray(oTile, r0 + 3 * LANES);
        x10.intoArray(oTile, r1);
        x11.intoArray(oTile, r1 + LANES);
        x12.intoArray(oTile, r1 + 2 * LANES);
        x13.intoArray(oTile, r1 + 3 * LANES);
        x20.intoArray(oTile, r2);
        x21.intoArray(oTile, r2 + LANES);
        x22.intoArray(oTile, r2 + 2 * LANES);
        x23.intoArray(oTile, r2 + 3 * LANES);
        x30.intoArray(oTile, r3);
        x31.intoArray(oTile, r3 + LANES);
        x32.intoArray(oTile, r3 + 2 * LANES);
        x33.intoArray(oTile, r3 + 3 * LANES);
        x40.intoArray(oTile, r4);
        x41.intoArray(oTile, r4 + LANES);
        x42.intoArray(oTile, r4 + 2 * LANES);
        x43.intoArray(oTile, r4 + 3 * LANES);
    }

    /** Output j on the block of points q…q+{@link #STEP} (the last d mod 5 outputs), as {@link #output5}. */
    private void output1(int q, int j, int first, int active) {
        int r = j * TILE_LENGTH + q;
        DoubleVector x0, x1, x2, x3;
        if (first == 0) {
            DoubleVector zero = DoubleVector.zero(SPECIES); // not ZERO, see output5
            x0 = x1 = x2 = x3 = zero;
            if (v != null) {
                int vj = j * d;
                for (int i = 0; i < d; i++) {
                    int yi = i * TILE_LENGTH + q;
                    double e = v[vj + i];
                    x0 = x0.add(DoubleVector.fromArray(SPECIES, yTile, yi).mul(e));
                    x1 = x1.add(DoubleVector.fromArray(SPECIES, yTile, yi + LANES).mul(e));
                    x2 = x2.add(DoubleVector.fromArray(SPECIES, yTile, yi + 2 * LANES).mul(e));
                    x3 = x3.add(DoubleVector.fromArray(SPECIES, yTile, yi + 3 * LANES).mul(e));
                }
            }
            DoubleVector cj = DoubleVector.broadcast(SPECIES, c[j]);
            x0 = cj.add(x0);
            x1 = cj.add(x1);
            x2 = cj.add(x2);
            x3 = cj.add(x3);
        } else {
            x0 = DoubleVector.fromArray(SPECIES, oTile, r);
            x1 = DoubleVector.fromArray(SPECIES, oTile, r + LANES);
            x2 = DoubleVector.fromArray(SPECIES, oTile, r + 2 * LANES);
            x3 = DoubleVector.fromArray(SPECIES, oTile, r + 3 * LANES);
        }
        for (int s = 0; s < active; s++) {
            int u = units[s], h = (u - first) * STEP;
            double aj = a[u * d + j];
            x0 = x0.add(DoubleVector.fromArray(SPECIES, hidden, h).mul(aj));
            x1 = x1.add(DoubleVector.fromArray(SPECIES, hidden, h + LANES).mul(aj));
            x2 = x2.add(DoubleVector.fromArray(SPECIES, hidden, h + 2 * LANES).mul(aj));
            x3 = x3.add(DoubleVector.fromArray(SPECIES, hidden, h + 3 * LANES).mul(aj));
        }
        x0.intoArray(oTile, r);
        x1.intoArray(oTile, r + LANES);
        x2.intoArray(oTile, r + 2 * LANES);
        x3.intoArray(oTile, r + 3 * LANES);
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
