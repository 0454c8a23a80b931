package org.memsweep.engine.denoiser;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.Subspace;
import org.memsweep.engine.data.TrainingSet;
import static org.memsweep.engine.Vectors.dot;
import static org.memsweep.engine.Vectors.norm;
import static org.memsweep.engine.Vectors.scaled;

/**
 * The closed-form min-norm denoisers of the low-noise regime (science.md §3.1 and §3.3), both sums
 * of rank-one ramps with ρ = ασ:
 * <pre>h_ρ(y) = base + Σ_n o_n · clamp01( (u_n·(y − anchor) − ρ − shift_n) / (span_n − 2ρ) )</pre>
 * Hyperbox (orthogonal, obtuse simplex): anchor = base = x₀, u_n the edge directions, o_n = e_n,
 * shift 0, span L_n. Equilateral simplex: anchor = base = centroid, o_n = v_n, shift −r/(N−1),
 * span H = rN/(N−1). Valid iff span_n > 2ρ for every n; it never extrapolates beyond that.
 * Cost per evaluation: O(m·d) in R^d, O(m) in subspace coordinates when the ramps are aligned
 * with the subspace basis (orthogonal data), O(m·r) otherwise. Stateless and thread-safe.
 */
public final class RampSumDenoiser implements SubspaceDenoiser {
    private static final double ALIGNED_TOL = 1e-12;
    private final int d, m;
    private final double alpha;
    private final double[] anchor, base;
    private final double[][] dirs, outs;
    private final double[] shift, span;
    private final double validBelow;
    private final boolean uniform; // every span and shift equal: one division per evaluation
    // Subspace coordinates: arg_n = g_n·z + c_n ; out = baseZ + Σ clamp · oz_n
    private final Subspace subspace;
    private final int r;
    private final double[] gFlat, ozFlat, c, baseZ;
    private final boolean aligned; // g_n = γ_n e_n and oz_n = ω_n e_n, m == r
    private final double[] gamma, omega;

    private RampSumDenoiser(double alpha, double[] anchor, double[] base, double[][] dirs, double[][] outs,
                            double[] shift, double[] span, Subspace subspace) {
        this.alpha = InvalidParameterException.requirePositive("alpha", alpha);
        this.d = anchor.length;
        this.m = dirs.length;
        this.anchor = anchor;
        this.base = base;
        this.dirs = dirs;
        this.outs = outs;
        this.shift = shift;
        this.span = span;
        double minSpan = Double.POSITIVE_INFINITY;
        for (double s : span) minSpan = Math.min(minSpan, s);
        this.validBelow = minSpan / (2 * alpha);
        boolean uni = true;
        for (int k = 1; k < span.length; k++) uni &= span[k] == span[0] && shift[k] == shift[0];
        this.uniform = uni;
        this.subspace = subspace;
        this.r = subspace.dimension();
        this.gFlat = new double[m * r];
        this.ozFlat = new double[m * r];
        this.c = new double[m];
        this.baseZ = new double[r];
        double[] tmp = new double[r];
        double[] o = subspace.origin();
        boolean al = m == r;
        for (int k = 0; k < m; k++) {
            subspace.coordinatesOfVector(dirs[k], tmp);
            System.arraycopy(tmp, 0, gFlat, k * r, r);
            subspace.coordinatesOfVector(outs[k], tmp);
            System.arraycopy(tmp, 0, ozFlat, k * r, r);
            double s = 0;
            for (int i = 0; i < d; i++) s += dirs[k][i] * (o[i] - anchor[i]);
            c[k] = s;
            for (int j = 0; j < r && al; j++) {
                if (j != k && (Math.abs(gFlat[k * r + j]) > ALIGNED_TOL || Math.abs(ozFlat[k * r + j]) > ALIGNED_TOL * span[k])) {
                    al = false;
                }
            }
        }
        double[] bo = new double[d];
        for (int i = 0; i < d; i++) bo[i] = base[i] - o[i];
        subspace.coordinatesOfVector(bo, baseZ);
        this.aligned = al;
        this.gamma = new double[m];
        this.omega = new double[m];
        if (al) {
            for (int k = 0; k < m; k++) {
                gamma[k] = gFlat[k * r + k];
                omega[k] = ozFlat[k * r + k];
            }
        }
    }

    /** The hyperbox closed form (§3.1) for orthogonal or obtuse-simplex data, ρ = ασ. */
    public static RampSumDenoiser hyperbox(TrainingSet data, double alpha) {
        if (!data.kind().isHyperbox()) {
            throw new InvalidParameterException("low-noise", "closed",
                    "the hyperbox closed form needs orthogonal or obtuse-simplex data, not " + data.kind().key());
        }
        double[] x0 = data.copyOfApex();
        double[][] e = data.edges();
        int m = e.length;
        double[][] u = new double[m][];
        double[] len = new double[m];
        for (int k = 0; k < m; k++) {
            len[k] = norm(e[k]);
            u[k] = scaled(e[k], 1.0 / len[k]);
        }
        return new RampSumDenoiser(alpha, x0, x0.clone(), u, e, new double[m], len, data.subspace());
    }

    /** The equilateral-simplex closed form (§3.3), ρ = ασ. */
    public static RampSumDenoiser equilateral(TrainingSet data, double alpha) {
        if (data.kind() != DatasetKind.EQUILATERAL_SIMPLEX) {
            throw new InvalidParameterException("low-noise", "closed",
                    "the equilateral closed form needs equilateral-simplex data, not " + data.kind().key());
        }
        int n = data.size();
        double[] cbar = data.mean();
        double[][] v = new double[n][];
        double[][] u = new double[n][];
        double radius = 0;
        for (int k = 0; k < n; k++) {
            double[] p = data.copyOfPoint(k);
            for (int i = 0; i < p.length; i++) p[i] -= cbar[i];
            v[k] = p;
            radius = Math.max(radius, norm(p));
        }
        for (int k = 0; k < n; k++) u[k] = scaled(v[k], 1.0 / norm(v[k]));
        double h = radius * n / (n - 1.0);
        double[] shift = new double[n], span = new double[n];
        java.util.Arrays.fill(shift, -radius / (n - 1.0));
        java.util.Arrays.fill(span, h);
        return new RampSumDenoiser(alpha, cbar, cbar.clone(), u, v, shift, span, data.subspace());
    }

    /** The closed form for a data set: hyperbox or equilateral; other kinds have none. */
    public static RampSumDenoiser forData(TrainingSet data, double alpha) {
        return switch (data.kind()) {
            case ORTHOGONAL, OBTUSE_SIMPLEX -> hyperbox(data, alpha);
            case EQUILATERAL_SIMPLEX -> equilateral(data, alpha);
            case GAUSSIAN -> throw new InvalidParameterException("low-noise", "closed",
                    "mmse for gaussian data (no closed form exists for them)");
        };
    }

    public double alpha() {
        return alpha;
    }

    /** σ_valid = min_n span_n / (2α): the closed form exists only for σ below it. */
    @Override
    public double validBelow() {
        return validBelow;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public Subspace subspace() {
        return subspace;
    }

    /** Whether subspace evaluation takes the O(m) path. */
    public boolean isAligned() {
        return aligned;
    }

    private double rho(double sigma) {
        double rho = alpha * sigma;
        if (!(sigma < validBelow) || !(sigma > 0)) {
            throw new InvalidParameterException("sigma", sigma,
                    "0 < σ < σ_valid = " + validBelow + " for this closed form (ρ = ασ must stay below half the shortest edge)");
        }
        return rho;
    }

    @Override
    public void denoise(double[] y, double sigma, double[] out) {
        double rho = rho(sigma);
        System.arraycopy(base, 0, out, 0, d);
        for (int k = 0; k < m; k++) {
            double[] u = dirs[k];
            double s = 0;
            for (int i = 0; i < d; i++) s += u[i] * (y[i] - anchor[i]);
            double ramp = clamp01((s - rho - shift[k]) / (span[k] - 2 * rho));
            if (ramp != 0.0) {
                double[] o = outs[k];
                for (int i = 0; i < d; i++) out[i] += ramp * o[i];
            }
        }
    }

    @Override
    public void denoiseInSubspace(double[] z, double sigma, double[] outZ) {
        double rho = rho(sigma);
        if (aligned) {
            if (uniform && m > 0) {
                double lo = rho + shift[0], inv = 1.0 / (span[0] - 2 * rho);
                for (int k = 0; k < m; k++) outZ[k] = baseZ[k] + omega[k] * clamp01((gamma[k] * z[k] + c[k] - lo) * inv);
            } else {
                for (int k = 0; k < m; k++) {
                    outZ[k] = baseZ[k] + omega[k] * clamp01((gamma[k] * z[k] + c[k] - rho - shift[k]) / (span[k] - 2 * rho));
                }
            }
            return;
        }
        System.arraycopy(baseZ, 0, outZ, 0, r);
        for (int k = 0; k < m; k++) {
            int off = k * r;
            double s = c[k];
            for (int j = 0; j < r; j++) s += gFlat[off + j] * z[j];
            double ramp = clamp01((s - rho - shift[k]) / (span[k] - 2 * rho));
            if (ramp != 0.0) for (int j = 0; j < r; j++) outZ[j] += ramp * ozFlat[off + j];
        }
    }

    @Override
    public void denoiseInSubspaceBatch(double[] z, int count, int stride, double sigma, double[] outZ) {
        // The single path's arithmetic point by point, the batch loop innermost where the JIT can vectorise it.
        double rho = rho(sigma);
        if (aligned) {
            if (uniform && m > 0) {
                double lo = rho + shift[0], inv = 1.0 / (span[0] - 2 * rho);
                for (int k = 0; k < m; k++) {
                    double bz = baseZ[k], om = omega[k], ga = gamma[k], ck = c[k];
                    int off = k * stride;
                    for (int b = 0; b < count; b++) outZ[off + b] = bz + om * clamp01((ga * z[off + b] + ck - lo) * inv);
                }
            } else {
                for (int k = 0; k < m; k++) {
                    double bz = baseZ[k], om = omega[k], ga = gamma[k], ck = c[k], sh = shift[k], sp = span[k];
                    int off = k * stride;
                    for (int b = 0; b < count; b++) {
                        outZ[off + b] = bz + om * clamp01((ga * z[off + b] + ck - rho - sh) / (sp - 2 * rho));
                    }
                }
            }
            return;
        }
        for (int j = 0; j < r; j++) java.util.Arrays.fill(outZ, j * stride, j * stride + count, baseZ[j]);
        for (int k = 0; k < m; k++) {
            int off = k * r;
            for (int b = 0; b < count; b++) {
                double s = c[k];
                for (int j = 0; j < r; j++) s += gFlat[off + j] * z[j * stride + b];
                double ramp = clamp01((s - rho - shift[k]) / (span[k] - 2 * rho));
                if (ramp != 0.0) for (int j = 0; j < r; j++) outZ[j * stride + b] += ramp * ozFlat[off + j];
            }
        }
    }

    /** Whether {@link #eulerStepsInSubspaceBatch} applies: aligned ramps with equal spans and shifts (orthogonal data, equal edges). */
    public boolean fusesEulerSteps() {
        return aligned && uniform && m > 0;
    }

    /**
     * Euler steps of the probability flow fused with the denoiser, for the aligned uniform case (orthogonal
     * data with equal edges): for levels i = from … to−1, z ← z + ds·((z − h_σ(z))·inv) with σ = sigmas[i],
     * ds = sigmas[i+1] − σ, inv = 1/σ, element by element with exactly the operations of
     * {@link #denoiseInSubspaceBatch} followed by the flow's update, so the same bits as level-by-level
     * evaluation. Every coordinate of every point evolves on its own here, so the loops run coordinate by
     * coordinate through all the levels: one row of the batch stays in the L1 cache for all of them instead of
     * the whole state streaming through the cache once per level (the scale cell's state is 1 MB).
     * {@code scratch} holds at least 4·(to − from) doubles. Only when {@link #fusesEulerSteps}.
     */
    public void eulerStepsInSubspaceBatch(double[] z, int count, int stride, double[] sigmas, int from, int to, double[] scratch) {
        if (!fusesEulerSteps()) throw new IllegalStateException("the fused Euler steps need aligned ramps of equal spans");
        int levels = to - from;
        double maxLo = 0, maxW = 0;
        boolean contracting = true; // σ_{i+1}/σ_i ∈ [0, 1] (a schedule's levels fall): see the bound below
        for (int i = 0; i < levels; i++) {
            double s = sigmas[from + i], rho = rho(s);
            contracting &= sigmas[from + i + 1] >= 0 && sigmas[from + i + 1] <= s;
            scratch[4 * i] = rho + shift[0];
            scratch[4 * i + 1] = 1.0 / (span[0] - 2 * rho);
            scratch[4 * i + 2] = sigmas[from + i + 1] - s;
            scratch[4 * i + 3] = 1.0 / s;
            maxLo = Math.max(maxLo, Math.abs(scratch[4 * i]));
            maxW = Math.max(maxW, Math.abs(scratch[4 * i + 1]));
        }
        for (int k = 0; k < m; k++) {
            double bz = baseZ[k], om = omega[k], ga = gamma[k], ck = c[k];
            int off = k * stride;
            // Each step moves x to a convex combination of x and h ∈ [bz, bz + ω] (σ_{i+1}/σ_i ∈ (0, 1)), so |x|
            // never exceeds max(|x₀|, |bz| + |ω|) by more than rounding, and this bounds every |t| of the row's levels.
            double big = Math.abs(bz) + Math.abs(om);
            for (int b = off; b < off + count; b++) big = Math.max(big, Math.abs(z[b])); // NaN stays NaN
            double tBound = 2 * (Math.abs(ga) * big + Math.abs(ck) + maxLo) * maxW;
            if (contracting && tBound < EXACT_CLAMP_BOUND && ga == 1.0 && ck == 0.0 && bz == 0.0 && om == 1.0) {
                // Unit ramps (orthogonal data of unit edges in their frame: every bench cell and the presets' closed
                // forms): ga·x + ck is x but for −0 → +0, so t differs at most in the sign of a zero, which the clamp
                // maps to +0 either way; bz + om·clamp is the clamp itself, never −0. The same bits, 13 operations
                // per element and level instead of 17 (0.226 against 0.263 ns measured).
                for (int i = 0; i < levels; i++) {
                    double lo = scratch[4 * i], w = scratch[4 * i + 1], ds = scratch[4 * i + 2], inv = scratch[4 * i + 3];
                    for (int b = off; b < off + count; b++) {
                        double x = z[b];
                        double h = clamp01Below2p53((x - lo) * w);
                        z[b] = x + ds * ((x - h) * inv);
                    }
                }
                continue;
            }
            if (contracting && tBound < EXACT_CLAMP_BOUND) {
                for (int i = 0; i < levels; i++) {
                    double lo = scratch[4 * i], w = scratch[4 * i + 1], ds = scratch[4 * i + 2], inv = scratch[4 * i + 3];
                    for (int b = off; b < off + count; b++) {
                        double x = z[b];
                        double h = bz + om * clamp01Below2p53((ga * x + ck - lo) * w);
                        z[b] = x + ds * ((x - h) * inv);
                    }
                }
                continue;
            }
            for (int i = 0; i < levels; i++) {
                double lo = scratch[4 * i], w = scratch[4 * i + 1], ds = scratch[4 * i + 2], inv = scratch[4 * i + 3];
                for (int b = off; b < off + count; b++) {
                    double x = z[b];
                    double h = bz + om * clamp01((ga * x + ck - lo) * w);
                    z[b] = x + ds * ((x - h) * inv);
                }
            }
        }
    }

    /** Below this |t|, {@link #clamp01Below2p53} is exact (t − 1 is exact and 2t does not overflow). */
    private static final double EXACT_CLAMP_BOUND = 0x1p52;

    /**
     * {@link #clamp01}(t) for |t| &lt; 2^53, the same bits, from + and |·| only (which the JIT vectorises into a few
     * cheap instructions, where Math.min and Math.max need blends for NaN and signed zeros: 0.25 against 0.33 ns per
     * fused step): with u = t − 1 (exact here), ((t + |t|) − (u + |u|))·½ is 2t·½ = t on (0, 1], (2t − 2u)·½ = 1
     * above (both doublings and the difference 2 are exact), and +0 at and below 0 (x + |x| = +0 for x ≤ 0), as
     * clamp01; NaN stays NaN.
     */
    static double clamp01Below2p53(double t) {
        double u = t - 1.0;
        return ((t + Math.abs(t)) - (u + Math.abs(u))) * 0.5;
    }

    /** Ambient batches (cross-checks only; flows use the subspace): the single path's loops with the batch innermost. */
    @Override
    public void denoiseBatch(double[] y, int count, int stride, double sigma, double[] out) {
        double rho = rho(sigma);
        for (int i = 0; i < d; i++) java.util.Arrays.fill(out, i * stride, i * stride + count, base[i]);
        for (int k = 0; k < m; k++) {
            double[] u = dirs[k], o = outs[k];
            for (int b = 0; b < count; b++) {
                double s = 0;
                for (int i = 0; i < d; i++) s += u[i] * (y[i * stride + b] - anchor[i]);
                double ramp = clamp01((s - rho - shift[k]) / (span[k] - 2 * rho));
                if (ramp != 0.0) for (int i = 0; i < d; i++) out[i * stride + b] += ramp * o[i];
            }
        }
    }

    /** Representation cost R = Σ_n 2‖o_n‖/(span_n − 2ρ) (§3.1: Σ 2L_n/(L_n − 2ρ) for the hyperbox). */
    public double cost(double sigma) {
        double rho = rho(sigma);
        double s = 0;
        for (int k = 0; k < m; k++) s += 2 * norm(outs[k]) / (span[k] - 2 * rho);
        return s;
    }

    /**
     * The same function as a shallow ReLU network (§3.1): two units per ramp, both with input
     * weight u_n, at the ramp's two kinks lo = ρ + shift_n and lo + width (width = span_n − 2ρ),
     * since [s − lo]₊ − [s − lo − width]₊ = width · ramp; output weights ±o_n/width, V = 0, c = base.
     */
    public ReluNetwork asNetwork(double sigma) {
        double rho = rho(sigma);
        double[][] a = new double[2 * m][], w = new double[2 * m][];
        double[] b = new double[2 * m];
        for (int k = 0; k < m; k++) {
            double ua = dot(dirs[k], anchor);
            double lo = rho + shift[k], width = span[k] - 2 * rho;
            w[2 * k] = dirs[k].clone();
            w[2 * k + 1] = dirs[k].clone();
            b[2 * k] = -lo - ua;
            b[2 * k + 1] = -(lo + width) - ua;
            a[2 * k] = scaled(outs[k], 1.0 / width);
            a[2 * k + 1] = scaled(outs[k], -1.0 / width);
        }
        return new ReluNetwork(a, w, b, null, base.clone());
    }

    /** z clamped to [0, 1] (NaN stays NaN, −0 gives +0); min/max rather than branches so the JIT vectorises the batch loops. */
    static double clamp01(double z) {
        return Math.min(1.0, Math.max(0.0, z));
    }

}
