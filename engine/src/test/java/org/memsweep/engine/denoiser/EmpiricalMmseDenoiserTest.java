package org.memsweep.engine.denoiser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertClose;
import static org.memsweep.engine.TestSupport.data;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memsweep.engine.TestSupport;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.Subspace;
import org.memsweep.engine.data.TrainingSet;

class EmpiricalMmseDenoiserTest {
    static Stream<Arguments> dataSets() {
        return Stream.of(
                Arguments.of("orthogonal axis", data(DatasetKind.ORTHOGONAL, 6, 8, 0, Norms.fixed(1), false, 1)),
                Arguments.of("orthogonal rotated uniform", data(DatasetKind.ORTHOGONAL, 6, 8, 0, new Norms(0.5, 2), true, 2)),
                Arguments.of("obtuse rotated", data(DatasetKind.OBTUSE_SIMPLEX, 5, 6, 0.25, Norms.fixed(1), true, 3)),
                Arguments.of("equilateral", data(DatasetKind.EQUILATERAL_SIMPLEX, 4, 6, 0, Norms.fixed(1), true, 4)),
                Arguments.of("gaussian N < d", data(DatasetKind.GAUSSIAN, 4, 7, 0, Norms.fixed(3), false, 5)),
                Arguments.of("gaussian N > d", data(DatasetKind.GAUSSIAN, 12, 3, 0, Norms.fixed(1), false, 6)));
    }

    /** The textbook formula: w = softmax(−‖y − x_n‖²/(2σ²)), h = Σ w_n x_n (max-shifted, nothing else). */
    private static double[] naive(TrainingSet t, double[] y, double sigma) {
        int n = t.size();
        double[] logit = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < n; p++) {
            double dd = TestSupport.dist(y, t.copyOfPoint(p));
            logit[p] = -dd * dd / (2 * sigma * sigma);
            max = Math.max(max, logit[p]);
        }
        double total = 0;
        double[] out = new double[y.length];
        for (int p = 0; p < n; p++) {
            double w = Math.exp(logit[p] - max);
            total += w;
            out = TestSupport.axpy(out, w, t.copyOfPoint(p));
        }
        for (int i = 0; i < out.length; i++) out[i] /= total;
        return out;
    }

    private static double[] inSubspace(EmpiricalMmseDenoiser h, double[] y, double sigma) {
        Subspace s = h.subspace();
        double[] z = new double[s.dimension()], oz = new double[s.dimension()], out = new double[y.length];
        s.split(y, z, null);
        h.denoiseInSubspace(z, sigma, oz);
        s.join(oz, null, 0, out);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataSets")
    void equalsTheNaiveSoftmaxOnModerateInputs(String name, TrainingSet t) {
        EmpiricalMmseDenoiser h = new EmpiricalMmseDenoiser(t);
        assertSame(t.subspace(), h.subspace());
        Random r = new Random(7);
        double[] out = new double[t.dimension()];
        for (double sigma : new double[] {0.05, 0.2, 0.7, 3, 40}) {
            for (int k = 0; k < 200; k++) {
                double[] y = TestSupport.axpy(t.copyOfPoint(r.nextInt(t.size())), 1, TestSupport.gaussian(r, t.dimension(), 0.6));
                double[] expected = naive(t, y, sigma);
                h.denoise(y, sigma, out);
                assertClose(expected, out, 1e-12, name + ": ambient vs naive softmax, σ = " + sigma);
                assertClose(expected, inSubspace(h, y, sigma), 1e-12, name + ": subspace vs naive softmax, σ = " + sigma);
            }
        }
    }

    /** Inputs far beyond any overflow threshold: 1e300, −1e300, mixed signs and magnitudes. */
    private static double[][] hugeInputs(int d) {
        double[] a = new double[d], b = new double[d], c = new double[d], e = new double[d], f = new double[d];
        a[0] = 1e300;
        b[0] = -1e300;
        for (int i = 0; i < d; i++) {
            c[i] = (i % 2 == 0 ? 1 : -1) * Math.pow(10, 300 - 40 * i);
            e[i] = i % 3 == 0 ? 1e300 : i % 3 == 1 ? -1e300 : 3.5;
            f[i] = Double.MAX_VALUE / (4 * d) * (i % 2 == 0 ? 1 : -1);
        }
        return new double[][] {a, b, c, e, f};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataSets")
    void neverNaNOrInfinite(String name, TrainingSet t) {
        EmpiricalMmseDenoiser h = new EmpiricalMmseDenoiser(t);
        int d = t.dimension();
        double[] lo = new double[d], hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] p : t.copyOfPoints()) {
            for (int i = 0; i < d; i++) {
                lo[i] = Math.min(lo[i], p[i]);
                hi[i] = Math.max(hi[i], p[i]);
            }
        }
        Random r = new Random(9);
        double[][] huge = hugeInputs(d);
        double[] out = new double[d];
        for (double sigma : new double[] {1e-300, 1e-8, 1e-3, 1, 1e3, 1e8, 1e300}) {
            for (int k = 0; k < huge.length + 20; k++) {
                double[] y = k < huge.length ? huge[k] : TestSupport.gaussian(r, d, Math.pow(10, r.nextInt(12)));
                h.denoise(y, sigma, out);
                double[] sub = inSubspace(h, y, sigma);
                for (double[] v : new double[][] {out, sub}) {
                    for (int i = 0; i < d; i++) {
                        assertTrue(Double.isFinite(v[i]), name + ": finite output, σ = " + sigma);
                        assertTrue(v[i] >= lo[i] - 1e-12 && v[i] <= hi[i] + 1e-12, name + ": a convex combination of the points");
                    }
                }
            }
        }
    }

    /** The exact limit for huge y: w_p ∝ exp((y·x_p − ½‖x_p‖²)/σ²) is one-hot on the largest y·x_p − ½‖x_p‖². */
    private static double[] hugeLimit(TrainingSet t, double[] y) {
        double best = Double.NEGATIVE_INFINITY;
        int arg = -1;
        for (int p = 0; p < t.size(); p++) {
            double[] x = t.copyOfPoint(p);
            double s = 0;
            for (int i = 0; i < y.length; i++) s += (y[i] / 1e300) * x[i];
            if (s > best) {
                best = s;
                arg = p;
            }
        }
        return t.copyOfPoint(arg);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataSets")
    void hugeInputsGoToTheRightPointInBothPaths(String name, TrainingSet t) {
        EmpiricalMmseDenoiser h = new EmpiricalMmseDenoiser(t);
        int d = t.dimension();
        Random r = new Random(13);
        double[] out = new double[d];
        for (int k = 0; k < 20; k++) {
            double[] y = TestSupport.gaussian(r, d, 1e300);
            double[] expected = hugeLimit(t, y);
            for (double sigma : new double[] {1e-8, 1, 1e8}) {
                h.denoise(y, sigma, out);
                assertClose(expected, out, 1e-12, name + ": ambient, |y| ~ 1e300, σ = " + sigma);
                assertClose(expected, inSubspace(h, y, sigma), 1e-12, name + ": subspace, |y| ~ 1e300, σ = " + sigma);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataSets")
    void batchGivesEveryPointTheSingleCallsBits(String name, TrainingSet t) {
        EmpiricalMmseDenoiser h = new EmpiricalMmseDenoiser(t);
        Subspace s = h.subspace();
        int d = t.dimension(), r = s.dimension();
        Random rnd = new Random(9);
        // Odd sizes and tails of the vector lanes (the batch's softmax runs on the Vector API, its tail scalar).
        for (int count : new int[] {1, 7, 64, 130, 512}) {
            int stride = count + 2;
            java.util.List<double[]> ys = new java.util.ArrayList<>(), zs = new java.util.ArrayList<>();
            double[][] huge = hugeInputs(d);
            for (int b = 0; b < count; b++) {
                // moderate points around the data, and now and then a huge one (the scale guard's path)
                double[] y = b % 5 == 4 ? huge[b % huge.length] : TestSupport.gaussian(rnd, d, 2);
                double[] z = new double[r];
                s.split(y, z, null);
                ys.add(y);
                zs.add(z);
            }
            for (double sigma : new double[] {1e-3, 0.05, 0.7, 80, 1e6}) {
                double[] outZ = new double[r * stride], out = new double[d * stride];
                h.denoiseInSubspaceBatch(TestSupport.soa(zs, stride), count, stride, sigma, outZ);
                h.denoiseBatch(TestSupport.soa(ys, stride), count, stride, sigma, out);
                double[] one = new double[r], oneY = new double[d];
                for (int b = 0; b < count; b++) {
                    String what = name + ", σ = " + sigma + ", point " + b + " of " + count;
                    h.denoiseInSubspace(zs.get(b), sigma, one);
                    TestSupport.assertSameBits(one, TestSupport.column(outZ, b, stride, r), what + ", subspace");
                    h.denoise(ys.get(b), sigma, oneY);
                    TestSupport.assertSameBits(oneY, TestSupport.column(out, b, stride, d), what + ", ambient");
                }
            }
        }
    }

    @Test
    void compiledVectorBatchKeepsTheSingleCallsBitsThroughAFlow() {
        // Long enough for the JIT to compile the batch's vector softmax (the interpreter runs the Vector API's
        // Java fallback, a different code path): a bench-sized cell, σ from 80 down, every point checked.
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 31, 30, 0, Norms.fixed(1), false, 7);
        EmpiricalMmseDenoiser h = new EmpiricalMmseDenoiser(t);
        int r = h.subspace().dimension(), count = 133, stride = count;
        Random rnd = new Random(10);
        double[] zs = new double[r * stride], outZ = new double[r * stride], one = new double[r], z = new double[r];
        for (int i = 0; i < zs.length; i++) zs[i] = 80 * rnd.nextGaussian();
        double sigma = 80;
        for (int level = 0; level < 400; level++, sigma *= 0.97) {
            h.denoiseInSubspaceBatch(zs, count, stride, sigma, outZ);
            for (int b = 0; b < count; b++) {
                for (int j = 0; j < r; j++) z[j] = zs[j * stride + b];
                h.denoiseInSubspace(z, sigma, one);
                TestSupport.assertSameBits(one, TestSupport.column(outZ, b, stride, r), "σ = " + sigma + ", point " + b);
            }
            // an Euler-like move towards the denoised points, so the weights sweep from flat to one-hot
            for (int i = 0; i < zs.length; i++) zs[i] += 0.03 * (outZ[i] - zs[i]);
        }
    }

    @Test
    void tinySigmaPicksTheNearestPointAndSplitsTies() {
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 4, 5, 0, Norms.fixed(1), false, 1);
        EmpiricalMmseDenoiser h = new EmpiricalMmseDenoiser(t);
        double[] out = new double[5];
        h.denoise(new double[] {0.6, 0.3, 0.1, 0.2, -0.1}, 1e-8, out);
        assertClose(t.copyOfPoint(1), out, 0.0, "nearest point e1");
        assertClose(t.copyOfPoint(1), inSubspace(h, new double[] {0.6, 0.3, 0.1, 0.2, -0.1}, 1e-8), 0.0, "subspace: nearest point e1");
        // equidistant from the apex and e1: the two weights are exactly ½
        h.denoise(new double[] {0.5, 0, 0, 0.3, 0}, 1e-8, out);
        assertClose(new double[] {0.5, 0, 0, 0, 0}, out, 1e-15, "a tie between apex and e1");
        assertClose(new double[] {0.5, 0, 0, 0, 0}, inSubspace(h, new double[] {0.5, 0, 0, 0.3, 0}, 1e-8), 1e-15, "subspace tie");
    }

    @Test
    void largeSigmaGivesTheMean() {
        for (TrainingSet t : new TrainingSet[] {
            data(DatasetKind.ORTHOGONAL, 4, 5, 0, Norms.fixed(1), false, 1),
            data(DatasetKind.GAUSSIAN, 9, 3, 0, Norms.fixed(1), false, 1)}) {
            EmpiricalMmseDenoiser h = new EmpiricalMmseDenoiser(t);
            double[] out = new double[t.dimension()], y = new double[t.dimension()];
            y[0] = 2.5;
            for (double sigma : new double[] {1e8, 1e300}) {
                h.denoise(y, sigma, out);
                assertClose(t.mean(), out, 1e-12, "σ = " + sigma);
                assertClose(t.mean(), inSubspace(h, y, sigma), 1e-12, "subspace σ = " + sigma);
            }
        }
    }

    @Test
    void definedAtEveryNoiseLevel() {
        EmpiricalMmseDenoiser h = new EmpiricalMmseDenoiser(data(DatasetKind.ORTHOGONAL, 3, 4, 0, Norms.fixed(1), false, 1));
        assertEquals(Double.POSITIVE_INFINITY, h.validBelow());
        assertEquals(4, h.dimension());
    }
}
