package org.memsweep.engine.denoiser;

import jdk.incubator.vector.*;
import org.memsweep.engine.InvalidParameterException;

/**
 * A shallow ReLU network with a free linear skip (science.md §1):
 * <pre>h(y) = Σ_k a_k [w_k·y + b_k]₊ + V y + c</pre>
 * trained for one noise level, so {@link #denoise} ignores σ. Its representation cost is
 * Σ_k ‖a_k‖‖w_k‖ (the minimum of ½Σ(‖a_k‖² + ‖w_k‖²) over rescalings). Cost per evaluation
 * O(K·d + nnz(V)) (O(K·d) without V). Weights are copied in. {@link #denoise} is thread-safe;
 * {@link #denoiseBatch} (a batch is a matrix: two matrix products and a ReLU) keeps a workspace and is not.
 *
 * <p>The arithmetic, the same in both paths, so that every point gets the same bits whatever the batch:
 * every multiply-add is fused ({@link Math#fma}, one rounding: the same bits on every JVM and CPU, and in
 * hardware on every x86-64 CPU since 2013 and every ARM64 one; see {@link #hardwareFma()}). pre_k = b_k,
 * then pre_k = fma(w_ki, y_i, pre_k) for i in order; out_j = c_j, plus s_j = Σ v_ji y_i fused from +0 over
 * row j's nonzero entries of V in column order; then out_j = fma([pre_k]₊, a_kj, out_j) for every unit k in
 * order, [p]₊ being p when p > 0 and +0 otherwise (NaN included). A unit inactive at a point still adds its
 * +0 term, so neither path depends on which units are active elsewhere.
 */
public final class ReluNetwork implements Denoiser {
    private final int d, k;
    private final double[] a, w, b, v, c; // a, w: K rows of length d; v: d×d row-major or null
    /** V's nonzero entries, row j's at j·d … j·d + skipCount[j] − 1 in column order: columns and values. */
    private final int[] skipColumns, skipCount;
    private final double[] skipValues;
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
    /** Points per block; a tile is padded with zeros to whole pairs of blocks. */
    private static final int STEP = BLOCK * LANES;
    /** Length of the tile's arrays: {@value #TILE} points rounded up to whole pairs of blocks (V y goes two blocks at a time). */
    private static final int TILE_LENGTH = (TILE + 2 * STEP - 1) / (2 * STEP) * (2 * STEP);
    private static final DoubleVector ZERO = DoubleVector.zero(SPECIES);
    private final double[] yTile, oTile; // the tile, coordinate-major: coordinate i of point q at i × TILE_LENGTH + q
    /**
     * Units per chunk: a chunk's hidden scratch (64 × {@link #STEP} doubles, 16 KB) stays in L1 between the
     * two products, at the cost of loading and storing the block's outputs once per chunk. A multiple of 4,
     * so that a chunk's groups of four units are those of {@link #wGroups}.
     */
    private static final int CHUNK = 64;
    private final double[] hidden; // a block's hidden layer [pre_u]₊ on a chunk: unit first + r's STEP points at r × STEP

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
        this.skipColumns = new int[this.v == null ? 0 : d * d];
        this.skipValues = new double[skipColumns.length];
        this.skipCount = new int[d];
        if (this.v != null) {
            for (int j = 0; j < d; j++) {
                int n = 0;
                for (int i = 0; i < d; i++) {
                    double e = this.v[j * d + i];
                    if (e != 0) {
                        skipColumns[j * d + n] = i;
                        skipValues[j * d + n++] = e;
                    }
                }
                skipCount[j] = n;
            }
        }
        this.yTile = new double[d * TILE_LENGTH];
        this.oTile = new double[d * TILE_LENGTH];
        this.wGroups = new double[k * d];
        for (int u = 0; u + 4 <= k; u += 4) {
            for (int i = 0; i < d; i++) for (int t = 0; t < 4; t++) wGroups[u * d + 4 * i + t] = this.w[(u + t) * d + i];
        }
        this.hidden = new double[Math.min(k, CHUNK) * STEP];
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

    /**
     * Whether this JVM fuses multiply-adds in hardware (HotSpot's {@code UseFMA}, on by itself where the CPU
     * has FMA). Without it {@link Math#fma} is Java's exact software fallback: the same bits, thousands of
     * times slower, so a network's flows would be impractically slow. True where the flag cannot be read.
     */
    public static boolean hardwareFma() {
        try {
            return !"false".equals(java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) { // not HotSpot, or no such flag: assume the hardware has it
            return true;
        }
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
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int e = j * d, end = e + skipCount[j]; e < end; e++) s = Math.fma(skipValues[e], y[skipColumns[e]], s);
                out[j] += s;
            }
        }
        for (int u = 0; u < k; u++) {
            int off = u * d;
            double pre = b[u];
            for (int i = 0; i < d; i++) pre = Math.fma(w[off + i], y[i], pre);
            double h = pre > 0 ? pre : 0.0;
            for (int i = 0; i < d; i++) out[i] = Math.fma(h, a[off + i], out[i]);
        }
    }

    /**
     * The batch in tiles of {@value #TILE} points (copied into one flat coordinate-major array, padded with
     * zeros), vectorised with the Vector API over the points: the outputs start as c + V y, row by row over
     * the tile, then
     * blocks of {@link #BLOCK} vectors of {@link #LANES} points, the units in chunks of {@value #CHUNK},
     * each through the two products one after the other. First the hidden layer: units in groups of four,
     * a group's pre-activations (four units × four vectors) in registers while summed over i in order, then
     * through the ReLU into the hidden scratch (the chunk's rows of {@link #STEP} points, which stays in
     * L1). Then the output layer: five output rows at a time (twenty accumulators in registers), from out_j
     * as the tile holds it (c_j + s_j before the first chunk) over the chunk's units in order.
     * The last K mod 4 units and d mod 5 outputs go one at a time. σ is ignored as in {@link #denoise};
     * every point gets the bits of {@link #denoise}: the same fused operations in the same order (see the
     * class comment), and lanes are points, so nothing mixes points (padding lanes are computed and
     * dropped). Vectors never cross a method boundary (C2 would box them): each method loads and stores
     * its own, and broadcasts each weight once into a vector of its own (one per weight also keeps C1's
     * register allocator within its limits: with a broadcast per product it gave up on {@link #output5}
     * in about one JVM of eight, which then stayed interpreted, ~80× slower).
     */
    @Override
    public void denoiseBatch(double[] y, int count, int stride, double sigma, double[] out) {
        for (int t0 = 0; t0 < count; t0 += TILE) {
            int tn = Math.min(TILE, count - t0);
            int padded = (tn + STEP - 1) / STEP * STEP, pairs = (tn + 2 * STEP - 1) / (2 * STEP) * (2 * STEP);
            for (int i = 0; i < d; i++) {
                int row = i * TILE_LENGTH;
                System.arraycopy(y, i * stride + t0, yTile, row, tn);
                java.util.Arrays.fill(yTile, row + tn, row + pairs, 0.0);
            }
            // The outputs start as c_j + s_j (c_j alone without V); each chunk of units then adds to them.
            if (v != null) for (int j = 0; j < d; j++) for (int q = 0; q < pairs; q += 2 * STEP) skip(q, j);
            else for (int j = 0; j < d; j++) java.util.Arrays.fill(oTile, j * TILE_LENGTH, j * TILE_LENGTH + padded, c[j]);
            for (int q = 0; q < padded; q += STEP) {
                for (int first = 0; first < k; first += CHUNK) {
                    int end = Math.min(k, first + CHUNK), u = first;
                    for (; u + 4 <= end; u += 4) hidden4(q, u, first);
                    for (; u < end; u++) hidden1(q, u, first);
                    int j = 0;
                    for (; j + 5 <= d; j += 5) output5(q, j, first, end);
                    for (; j < d; j++) output1(q, j, first, end);
                }
            }
            for (int i = 0; i < d; i++) System.arraycopy(oTile, i * TILE_LENGTH, out, i * stride + t0, tn);
        }
    }

    /**
     * out_j = c_j + s_j into the tile, s_j = Σ v_ji y_i over row j's nonzero entries (from +0, fused, in
     * column order), on the two blocks of points q…q+2·{@link #STEP}: eight independent sums, enough to keep
     * the fused units busy.
     */
    private void skip(int q, int j) {
        // A zero made here, not the constant ZERO: C2 keeps a loop's vectors in registers only when all its
        // inputs are vectors it made (a constant object in a loop's phi boxes every vector of it).
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector s0 = zero, s1 = zero, s2 = zero, s3 = zero, s4 = zero, s5 = zero, s6 = zero, s7 = zero;
        for (int e = j * d, end = e + skipCount[j]; e < end; e++) {
            int yi = skipColumns[e] * TILE_LENGTH + q;
            DoubleVector ve = DoubleVector.broadcast(SPECIES, skipValues[e]);
            s0 = ve.fma(DoubleVector.fromArray(SPECIES, yTile, yi), s0);
            s1 = ve.fma(DoubleVector.fromArray(SPECIES, yTile, yi + LANES), s1);
            s2 = ve.fma(DoubleVector.fromArray(SPECIES, yTile, yi + 2 * LANES), s2);
            s3 = ve.fma(DoubleVector.fromArray(SPECIES, yTile, yi + 3 * LANES), s3);
            s4 = ve.fma(DoubleVector.fromArray(SPECIES, yTile, yi + 4 * LANES), s4);
            s5 = ve.fma(DoubleVector.fromArray(SPECIES, yTile, yi + 5 * LANES), s5);
            s6 = ve.fma(DoubleVector.fromArray(SPECIES, yTile, yi + 6 * LANES), s6);
            s7 = ve.fma(DoubleVector.fromArray(SPECIES, yTile, yi + 7 * LANES), s7);
        }
        int r = j * TILE_LENGTH + q;
        DoubleVector cj = DoubleVector.broadcast(SPECIES, c[j]);
        cj.add(s0).intoArray(oTile, r);
        cj.add(s1).intoArray(oTile, r + LANES);
        cj.add(s2).intoArray(oTile, r + 2 * LANES);
        cj.add(s3).intoArray(oTile, r + 3 * LANES);
        cj.add(s4).intoArray(oTile, r + 4 * LANES);
        cj.add(s5).intoArray(oTile, r + 5 * LANES);
        cj.add(s6).intoArray(oTile, r + 6 * LANES);
        cj.add(s7).intoArray(oTile, r + 7 * LANES);
    }

    /**
     * Units u…u+3 (of the chunk from unit {@code first}) on the block of points q…q+{@link #STEP}:
     * pre-activations, and [p]₊ into the hidden scratch as p > 0 ? p : 0 (NaN counts as inactive, as in the
     * single path; max would keep NaN).
     */
    private void hidden4(int q, int u, int first) {
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
            DoubleVector w0 = DoubleVector.broadcast(SPECIES, wGroups[gi]), w1 = DoubleVector.broadcast(SPECIES, wGroups[gi + 1]);
            DoubleVector w2 = DoubleVector.broadcast(SPECIES, wGroups[gi + 2]), w3 = DoubleVector.broadcast(SPECIES, wGroups[gi + 3]);
            p00 = w0.fma(y0, p00);
            p01 = w0.fma(y1, p01);
            p02 = w0.fma(y2, p02);
            p03 = w0.fma(y3, p03);
            p10 = w1.fma(y0, p10);
            p11 = w1.fma(y1, p11);
            p12 = w1.fma(y2, p12);
            p13 = w1.fma(y3, p13);
            p20 = w2.fma(y0, p20);
            p21 = w2.fma(y1, p21);
            p22 = w2.fma(y2, p22);
            p23 = w2.fma(y3, p23);
            p30 = w3.fma(y0, p30);
            p31 = w3.fma(y1, p31);
            p32 = w3.fma(y2, p32);
            p33 = w3.fma(y3, p33);
        }
        // The ReLU written out for each unit: a helper taking the vectors would box them unless inlined.
        int h0 = (u - first) * STEP;
        ZERO.blend(p00, p00.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h0);
        ZERO.blend(p01, p01.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h0 + LANES);
        ZERO.blend(p02, p02.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h0 + 2 * LANES);
        ZERO.blend(p03, p03.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h0 + 3 * LANES);
        int h1 = h0 + STEP;
        ZERO.blend(p10, p10.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h1);
        ZERO.blend(p11, p11.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h1 + LANES);
        ZERO.blend(p12, p12.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h1 + 2 * LANES);
        ZERO.blend(p13, p13.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h1 + 3 * LANES);
        int h2 = h1 + STEP;
        ZERO.blend(p20, p20.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h2);
        ZERO.blend(p21, p21.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h2 + LANES);
        ZERO.blend(p22, p22.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h2 + 2 * LANES);
        ZERO.blend(p23, p23.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h2 + 3 * LANES);
        int h3 = h2 + STEP;
        ZERO.blend(p30, p30.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h3);
        ZERO.blend(p31, p31.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h3 + LANES);
        ZERO.blend(p32, p32.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h3 + 2 * LANES);
        ZERO.blend(p33, p33.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h3 + 3 * LANES);
    }

    /** One unit u on the block of points q…q+{@link #STEP} (the last K mod 4 units of a chunk), as {@link #hidden4}. */
    private void hidden1(int q, int u, int first) {
        int o = u * d;
        DoubleVector p0 = DoubleVector.broadcast(SPECIES, b[u]), p1 = p0, p2 = p0, p3 = p0;
        for (int i = 0; i < d; i++) {
            int yi = i * TILE_LENGTH + q;
            DoubleVector wi = DoubleVector.broadcast(SPECIES, w[o + i]);
            p0 = wi.fma(DoubleVector.fromArray(SPECIES, yTile, yi), p0);
            p1 = wi.fma(DoubleVector.fromArray(SPECIES, yTile, yi + LANES), p1);
            p2 = wi.fma(DoubleVector.fromArray(SPECIES, yTile, yi + 2 * LANES), p2);
            p3 = wi.fma(DoubleVector.fromArray(SPECIES, yTile, yi + 3 * LANES), p3);
        }
        int h = (u - first) * STEP;
        ZERO.blend(p0, p0.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h);
        ZERO.blend(p1, p1.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h + LANES);
        ZERO.blend(p2, p2.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h + 2 * LANES);
        ZERO.blend(p3, p3.compare(VectorOperators.GT, 0.0)).intoArray(hidden, h + 3 * LANES);
    }

    /**
     * Outputs j…j+4 on the block of points q…q+{@link #STEP} for the chunk of units first…end−1, as
     * {@link #denoise}: out_j as the tile holds it (c_j + s_j before the first chunk), then
     * out_j = fma([pre_u]₊, a_uj, out_j) over the chunk's units in order.
     */
    private void output5(int q, int j, int first, int end) {
        int r0 = j * TILE_LENGTH + q, r1 = r0 + TILE_LENGTH, r2 = r1 + TILE_LENGTH, r3 = r2 + TILE_LENGTH, r4 = r3 + TILE_LENGTH;
        DoubleVector x00, x01, x02, x03, x10, x11, x12, x13, x20, x21, x22, x23, x30, x31, x32, x33, x40, x41, x42, x43;
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
        for (int u = first; u < end; u++) {
            int h = (u - first) * STEP, o = u * d + j;
            DoubleVector h0 = DoubleVector.fromArray(SPECIES, hidden, h), h1 = DoubleVector.fromArray(SPECIES, hidden, h + LANES);
            DoubleVector h2 = DoubleVector.fromArray(SPECIES, hidden, h + 2 * LANES), h3 = DoubleVector.fromArray(SPECIES, hidden, h + 3 * LANES);
            DoubleVector a0 = DoubleVector.broadcast(SPECIES, a[o]), a1 = DoubleVector.broadcast(SPECIES, a[o + 1]);
            DoubleVector a2 = DoubleVector.broadcast(SPECIES, a[o + 2]), a3 = DoubleVector.broadcast(SPECIES, a[o + 3]);
            DoubleVector a4 = DoubleVector.broadcast(SPECIES, a[o + 4]);
            x00 = h0.fma(a0, x00);
            x01 = h1.fma(a0, x01);
            x02 = h2.fma(a0, x02);
            x03 = h3.fma(a0, x03);
            x10 = h0.fma(a1, x10);
            x11 = h1.fma(a1, x11);
            x12 = h2.fma(a1, x12);
            x13 = h3.fma(a1, x13);
            x20 = h0.fma(a2, x20);
            x21 = h1.fma(a2, x21);
            x22 = h2.fma(a2, x22);
            x23 = h3.fma(a2, x23);
            x30 = h0.fma(a3, x30);
            x31 = h1.fma(a3, x31);
            x32 = h2.fma(a3, x32);
            x33 = h3.fma(a3, x33);
            x40 = h0.fma(a4, x40);
            x41 = h1.fma(a4, x41);
            x42 = h2.fma(a4, x42);
            x43 = h3.fma(a4, x43);
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
    private void output1(int q, int j, int first, int end) {
        int r = j * TILE_LENGTH + q;
        DoubleVector x0, x1, x2, x3;
        x0 = DoubleVector.fromArray(SPECIES, oTile, r);
        x1 = DoubleVector.fromArray(SPECIES, oTile, r + LANES);
        x2 = DoubleVector.fromArray(SPECIES, oTile, r + 2 * LANES);
        x3 = DoubleVector.fromArray(SPECIES, oTile, r + 3 * LANES);
        for (int u = first; u < end; u++) {
            int h = (u - first) * STEP;
            DoubleVector aj = DoubleVector.broadcast(SPECIES, a[u * d + j]);
            x0 = DoubleVector.fromArray(SPECIES, hidden, h).fma(aj, x0);
            x1 = DoubleVector.fromArray(SPECIES, hidden, h + LANES).fma(aj, x1);
            x2 = DoubleVector.fromArray(SPECIES, hidden, h + 2 * LANES).fma(aj, x2);
            x3 = DoubleVector.fromArray(SPECIES, hidden, h + 3 * LANES).fma(aj, x3);
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
