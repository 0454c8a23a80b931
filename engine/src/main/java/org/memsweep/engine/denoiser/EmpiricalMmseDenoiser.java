package org.memsweep.engine.denoiser;

import org.memsweep.engine.data.SparseRows;
import org.memsweep.engine.data.Subspace;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.numeric.Exp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The empirical MMSE denoiser, the exact score of the Gaussian-smoothed training set and the
 * memorising baseline (science.md §3.2):
 * <pre>h_σ(y) = Σ_n x_n w_n(y),   w = softmax_n( −‖y − x_n‖² / (2σ²) )</pre>
 * Evaluated with log-sum-exp and a scale guard, so it returns finite values (never NaN or an
 * overflow) for every finite y and σ > 0. In subspace coordinates the common ‖y‖² term cancels, so
 * a step costs O(nnz(z_n)) per point: O(N) for orthogonal data, O(N·r) in general.
 * Not thread-safe (scratch arrays); build one per task.
 */
public final class EmpiricalMmseDenoiser implements SubspaceDenoiser {
    private final int d, n;
    private final double[][] x;
    private final double[] logits;
    private final Subspace subspace;
    private final SparseRows z;        // subspace coordinates z_p of the points
    private final double[][] xc;       // x_p − x_0
    private final double[] halfSq;     // ½‖x_p − x_0‖²
    private final double[] yc;         // scratch: (y − x_0)/s
    // Batch workspace, grown to the largest batch seen (no allocation once warm).
    private double[][] bLogits = new double[0][], bz = new double[0][], bOut = new double[0][];
    private double[] bScale = new double[0], bMax = new double[0], bTotal = new double[0],
            bFactor = new double[0], bAcc = new double[0];
    private final double[] one, oneOut; // scratch of the ambient batch
    private final int[] expIndex = new int[Exp.SPECIES.length()]; // scratch of the vector exp's table gather

    public EmpiricalMmseDenoiser(TrainingSet data) {
        this.x = data.copyOfPoints();
        this.n = x.length;
        this.d = data.dimension();
        this.logits = new double[n];
        this.subspace = data.subspace();
        this.xc = new double[n][d];
        this.halfSq = new double[n];
        for (int p = 0; p < n; p++) {
            double sq = 0;
            for (int i = 0; i < d; i++) {
                xc[p][i] = x[p][i] - x[0][i];
                sq += xc[p][i] * xc[p][i];
            }
            halfSq[p] = 0.5 * sq;
        }
        this.yc = new double[d];
        this.one = new double[d];
        this.oneOut = new double[d];
        this.z = data.subspaceCoordinates();
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public Subspace subspace() {
        return subspace;
    }

    @Override
    public void denoise(double[] y, double sigma, double[] out) {
        // As in denoiseInSubspace: −‖y − x_p‖²/(2σ²) = ((y − x_0)·(x_p − x_0) − ½‖x_p − x_0‖²)/σ² + a term
        // common to all p, so ‖y − x_0‖² is never formed (forming it loses every x_p once |y| ≳ 1e16),
        // computed on (y − x_0)/s and rescaled after the max is removed.
        double s = 1.0;
        for (int i = 0; i < d; i++) s = Math.max(s, Math.abs(y[i] - x[0][i]));
        for (int i = 0; i < d; i++) yc[i] = (y[i] - x[0][i]) / s;
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            double a = 0;
            double[] xp = xc[p];
            for (int i = 0; i < d; i++) a += yc[i] * xp[i];
            a -= halfSq[p] / s;
            logits[p] = a;
            max = Math.max(max, a);
        }
        java.util.Arrays.fill(out, 0, d, 0.0);
        double total = softmaxInPlace(max, s / (sigma * sigma));
        for (int p = 0; p < n; p++) {
            double wp = logits[p] / total;
            if (wp != 0.0) for (int i = 0; i < d; i++) out[i] += wp * x[p][i];
        }
    }

    @Override
    public void denoiseInSubspace(double[] z, double sigma, double[] outZ) {
        int r = z.length;
        double s = 1.0;
        for (int j = 0; j < r; j++) s = Math.max(s, Math.abs(z[j]));
        // logit_p = (z·z_p − ½‖z_p‖²)/σ², computed on z/s and rescaled after the max is removed.
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            double a = this.z.dotScaled(p, z, s) - 0.5 * this.z.normSq(p) / s;
            logits[p] = a;
            max = Math.max(max, a);
        }
        java.util.Arrays.fill(outZ, 0, r, 0.0);
        double total = softmaxInPlace(max, s / (sigma * sigma));
        for (int p = 0; p < n; p++) {
            double wp = logits[p] / total;
            if (wp != 0.0) this.z.addTo(p, wp, outZ);
        }
    }

    @Override
    public void denoiseInSubspaceBatch(double[] zs, int count, int stride, double sigma, double[] outZ) {
        // The single path's arithmetic, point by point, with the loop over the batch innermost; the batch
        // is copied into one array per coordinate first, since loops whose arrays share their index are
        // the ones the JIT vectorises.
        int r = subspace.dimension();
        grow(count);
        for (int j = 0; j < r; j++) System.arraycopy(zs, j * stride, bz[j], 0, count);
        java.util.Arrays.fill(bScale, 0, count, 1.0);
        for (int j = 0; j < r; j++) {
            double[] zj = bz[j];
            for (int b = 0; b < count; b++) bScale[b] = Math.max(bScale[b], Math.abs(zj[b]));
        }
        java.util.Arrays.fill(bMax, 0, count, Double.NEGATIVE_INFINITY);
        for (int p = 0; p < n; p++) {
            this.z.dotScaledBatch(p, bz, count, bScale, bAcc);
            double half = 0.5 * this.z.normSq(p);
            double[] lp = bLogits[p];
            for (int b = 0; b < count; b++) {
                double a = bAcc[b] - half / bScale[b];
                lp[b] = a;
                bMax[b] = Math.max(bMax[b], a);
            }
        }
        double s2 = sigma * sigma;
        for (int b = 0; b < count; b++) bFactor[b] = bScale[b] / s2;
        weightsBatch(count);
        for (int j = 0; j < r; j++) java.util.Arrays.fill(bOut[j], 0, count, 0.0);
        for (int p = 0; p < n; p++) {
            double[] lp = bLogits[p];
            // A zero weight adds ±0 to a sum that started at +0 and so never holds −0: the bits the single path's skip gives.
            for (int b = 0; b < count; b++) lp[b] /= bTotal[b];
            this.z.addToBatch(p, lp, bOut, count);
        }
        for (int j = 0; j < r; j++) System.arraycopy(bOut[j], 0, outZ, j * stride, count);
    }

    /**
     * The batch's logits → unnormalised weights exp((a − max)·factor) in place, their sums in bTotal: the
     * single path's {@link #softmaxInPlace} with lanes = trajectories of the batch (each sum keeps its order
     * over p), on the Vector API. The exponent is 0 where a = max, so that weight is exactly 1 as in the single
     * path (also when factor overflows: 0·∞ would be NaN); e^0 is exactly 1 in {@link Exp}. Kept out of its
     * caller by the launch paths' {@code -XX:CompileCommand=dontinline}, like the exponential (see there).
     */
    private void weightsBatch(int count) {
        java.util.Arrays.fill(bTotal, 0, count, 0.0);
        int lanes = Exp.SPECIES.length(), whole = count - count % lanes;
        for (int p = 0; p < n; p++) {
            double[] lp = bLogits[p];
            for (int b = 0; b < whole; b += lanes) {
                DoubleVector t = DoubleVector.fromArray(Exp.SPECIES, lp, b).sub(DoubleVector.fromArray(Exp.SPECIES, bMax, b));
                t.mul(DoubleVector.fromArray(Exp.SPECIES, bFactor, b)).blend(0.0, t.compare(VectorOperators.EQ, 0.0)).intoArray(lp, b);
            }
            for (int b = whole; b < count; b++) {
                double t = lp[b] - bMax[b];
                lp[b] = t == 0.0 ? 0.0 : t * bFactor[b];
            }
            Exp.expNonPositiveInPlace(lp, count, expIndex);
            for (int b = 0; b < whole; b += lanes) {
                DoubleVector.fromArray(Exp.SPECIES, bTotal, b).add(DoubleVector.fromArray(Exp.SPECIES, lp, b)).intoArray(bTotal, b);
            }
            for (int b = whole; b < count; b++) bTotal[b] += lp[b];
        }
    }

    /** Ambient batches (cross-checks only; flows use the subspace): point by point through {@link #denoise}. */
    @Override
    public void denoiseBatch(double[] y, int count, int stride, double sigma, double[] out) {
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < d; i++) one[i] = y[i * stride + b];
            denoise(one, sigma, oneOut);
            for (int i = 0; i < d; i++) out[i * stride + b] = oneOut[i];
        }
    }

    private void grow(int count) {
        if (bScale.length >= count) return;
        int r = subspace.dimension();
        bLogits = new double[n][count];
        bz = new double[r][count];
        bOut = new double[r][count];
        bScale = new double[count];
        bMax = new double[count];
        bTotal = new double[count];
        bFactor = new double[count];
        bAcc = new double[count];
    }

    /**
     * Scaled logits a_p (their max given) → unnormalised weights exp((a_p − max)·factor), in place;
     * returns their sum (≥ 1). The max's own weight is exactly 1 even when factor overflows.
     * {@link Exp#expNonPositive} (pure Java, within 2 ulp of fdlibm) rather than the JIT intrinsic,
     * so that a seed gives the same bits on every JVM and CPU of a cluster.
     */
    private double softmaxInPlace(double max, double factor) {
        double total = 0;
        for (int p = 0; p < n; p++) {
            double t = logits[p] - max;
            double e = t == 0.0 ? 1.0 : Exp.expNonPositive(t * factor);
            logits[p] = e;
            total += e;
        }
        return total;
    }
}
