package org.memsweep.engine.denoiser;

import static org.memsweep.engine.Vectors.dot;
import static org.memsweep.engine.Vectors.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertClose;
import static org.memsweep.engine.TestSupport.assertInvalid;
import static org.memsweep.engine.TestSupport.axpy;
import static org.memsweep.engine.TestSupport.boxPoint;
import static org.memsweep.engine.TestSupport.data;

import java.util.ArrayList;
import java.util.List;
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

class RampSumDenoiserTest {
    private static final double ALPHA = 2.0;
    private static final double[] FRACTIONS = {0.1, 0.5, 0.9, 0.999}; // σ / σ_valid

    static Stream<Arguments> closedFormData() {
        return Stream.of(
                Arguments.of("orthogonal fixed axis", data(DatasetKind.ORTHOGONAL, 5, 7, 0, Norms.fixed(1), false, 1)),
                Arguments.of("orthogonal uniform axis", data(DatasetKind.ORTHOGONAL, 5, 7, 0, new Norms(0.5, 1.5), false, 2)),
                Arguments.of("orthogonal fixed rotated", data(DatasetKind.ORTHOGONAL, 5, 7, 0, Norms.fixed(1), true, 3)),
                Arguments.of("orthogonal uniform rotated", data(DatasetKind.ORTHOGONAL, 5, 7, 0, new Norms(0.5, 1.5), true, 4)),
                Arguments.of("orthogonal full (N − 1 = d)", data(DatasetKind.ORTHOGONAL, 7, 6, 0, Norms.fixed(2), false, 5)),
                Arguments.of("obtuse axis", data(DatasetKind.OBTUSE_SIMPLEX, 5, 6, 0.3, Norms.fixed(1), false, 6)),
                Arguments.of("obtuse uniform rotated", data(DatasetKind.OBTUSE_SIMPLEX, 5, 6, 0.2, new Norms(0.5, 1.5), true, 7)),
                Arguments.of("equilateral axis", data(DatasetKind.EQUILATERAL_SIMPLEX, 5, 7, 0, Norms.fixed(1), false, 8)),
                Arguments.of("equilateral rotated", data(DatasetKind.EQUILATERAL_SIMPLEX, 4, 6, 0, Norms.fixed(2), true, 9)));
    }

    /** Independently computed σ_valid: min L_n/(2α) for a hyperbox, H/(2α) for the equilateral simplex. */
    private static double sigmaValid(TrainingSet t, double alpha) {
        if (t.kind().isHyperbox()) {
            double min = Double.POSITIVE_INFINITY;
            for (double[] e : t.edges()) min = Math.min(min, norm(e));
            return min / (2 * alpha);
        }
        int n = t.size();
        double r = TestSupport.dist(t.mean(), t.copyOfPoint(0));
        return r * n / (n - 1.0) / (2 * alpha);
    }

    /** Random points around the data: in and beyond the hyperbox / simplex, with parts outside the span. */
    private static List<double[]> randomPoints(TrainingSet t, Random r, int count) {
        List<double[]> pts = new ArrayList<>();
        int d = t.dimension();
        for (int k = 0; k < count; k++) {
            double[] y = new double[d];
            for (int p = 0; p < t.size(); p++) y = axpy(y, 2 * r.nextDouble() - 0.5, t.copyOfPoint(p));
            pts.add(axpy(y, 0.5, TestSupport.gaussian(r, d, 1)));
        }
        return pts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedFormData")
    void validityLimit(String name, TrainingSet t) {
        RampSumDenoiser h = RampSumDenoiser.forData(t, ALPHA);
        assertEquals(sigmaValid(t, ALPHA), h.validBelow(), 1e-14);
        assertEquals(ALPHA, h.alpha());
        assertEquals(t.dimension(), h.dimension());
        double[] out = new double[t.dimension()];
        double v = h.validBelow();
        assertInvalid("sigma", TestSupport.num(v), () -> h.denoise(t.copyOfPoint(0), v, out), "σ_valid");
        assertInvalid("sigma", "0", () -> h.denoise(t.copyOfPoint(0), 0.0, out));
        assertInvalid("sigma", "-1", () -> h.cost(-1.0));
        assertInvalid("sigma", "NaN", () -> h.asNetwork(Double.NaN));
        assertInvalid("sigma", TestSupport.num(2 * v), () -> h.denoiseInSubspace(new double[h.subspace().dimension()], 2 * v, new double[h.subspace().dimension()]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedFormData")
    void interpolatesEveryBall(String name, TrainingSet t) {
        RampSumDenoiser h = RampSumDenoiser.forData(t, ALPHA);
        Random r = new Random(name.hashCode());
        int d = t.dimension();
        double[] out = new double[d];
        for (double f : FRACTIONS) {
            double sigma = f * h.validBelow(), rho = ALPHA * sigma;
            for (int n = 0; n < t.size(); n++) {
                double[] x = t.copyOfPoint(n);
                List<double[]> sphere = new ArrayList<>(), inside = new ArrayList<>();
                for (int k = 0; k < 60; k++) {
                    double[] u = TestSupport.unit(r, d);
                    sphere.add(axpy(x, rho, u));
                    inside.add(axpy(x, rho * (1 - 1e-9) * Math.pow(r.nextDouble(), 1.0 / d), u));
                }
                // the worst directions: straight towards and away from every other point
                for (int m = 0; m < t.size(); m++) {
                    if (m == n) continue;
                    double[] dir = axpy(t.copyOfPoint(m), -1, x);
                    double len = norm(dir);
                    sphere.add(axpy(x, rho / len, dir));
                    sphere.add(axpy(x, -rho / len, dir));
                }
                for (double[] y : sphere) {
                    h.denoise(y, sigma, out);
                    assertClose(x, out, 1e-12, name + ": on the sphere |y − x_" + n + "| = ρ, σ = " + f + " σ_valid");
                }
                for (double[] y : inside) {
                    h.denoise(y, sigma, out);
                    assertClose(x, out, 1e-15, name + ": inside B(x_" + n + ", ρ), σ = " + f + " σ_valid");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedFormData")
    void clampFormEqualsNetworkForm(String name, TrainingSet t) {
        RampSumDenoiser h = RampSumDenoiser.forData(t, ALPHA);
        Random r = new Random(11);
        double[] a = new double[t.dimension()], b = new double[t.dimension()];
        for (double f : FRACTIONS) {
            double sigma = f * h.validBelow();
            ReluNetwork net = h.asNetwork(sigma);
            int m = t.kind().isHyperbox() ? t.size() - 1 : t.size();
            assertEquals(2 * m, net.width(), "two units per ramp");
            for (double[] y : randomPoints(t, r, 300)) {
                h.denoise(y, sigma, a);
                net.denoise(y, sigma, b);
                assertClose(a, b, 1e-12, name + ": clamp form vs network form");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedFormData")
    void costIsTheClosedFormula(String name, TrainingSet t) {
        RampSumDenoiser h = RampSumDenoiser.forData(t, ALPHA);
        for (double f : FRACTIONS) {
            double sigma = f * h.validBelow(), rho = ALPHA * sigma;
            double expected = 0;
            if (t.kind().isHyperbox()) {
                for (double[] e : t.edges()) expected += 2 * norm(e) / (norm(e) - 2 * rho); // Σ 2L/(L − 2ρ)
            } else {
                int n = t.size();
                double r = TestSupport.dist(t.mean(), t.copyOfPoint(0)), bigH = r * n / (n - 1.0);
                expected = 2 * n * r / (bigH - 2 * rho); // 2Nr/(H − 2ρ)
            }
            assertEquals(expected, h.cost(sigma), 1e-12 * expected, name + ": cost(σ)");
            assertEquals(expected, h.asNetwork(sigma).cost(), 1e-12 * expected, name + ": network Σ‖a_k‖‖w_k‖");
            assertTrue(h.asNetwork(sigma).parameterCost() >= expected * (1 - 1e-12), "½Σ(‖a‖² + ‖w‖²) ≥ Σ‖a‖‖w‖");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedFormData")
    void subspaceEvaluationEqualsAmbient(String name, TrainingSet t) {
        RampSumDenoiser h = RampSumDenoiser.forData(t, ALPHA);
        assertSame(t.subspace(), h.subspace());
        assertEquals(t.kind() == DatasetKind.ORTHOGONAL, h.isAligned(), "orthogonal data take the O(m) aligned path");
        Subspace s = h.subspace();
        int d = t.dimension(), r = s.dimension();
        Random rnd = new Random(5);
        double[] a = new double[d], b = new double[d], z = new double[r], oz = new double[r];
        for (double f : FRACTIONS) {
            double sigma = f * h.validBelow();
            for (double[] y : randomPoints(t, rnd, 300)) {
                h.denoise(y, sigma, a);
                s.split(y, z, null);
                h.denoiseInSubspace(z, sigma, oz);
                s.join(oz, null, 0, b);
                assertClose(a, b, 1e-12, name + ": subspace vs ambient");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedFormData")
    void batchGivesEveryPointTheSingleCallsBits(String name, TrainingSet t) {
        RampSumDenoiser h = RampSumDenoiser.forData(t, ALPHA);
        Subspace s = h.subspace();
        int d = t.dimension(), r = s.dimension();
        Random rnd = new Random(8);
        for (int count : new int[] {1, 7, 64}) {
            int stride = count + 3;
            List<double[]> ys = randomPoints(t, rnd, count);
            List<double[]> zs = new ArrayList<>();
            for (double[] y : ys) {
                double[] z = new double[r];
                s.split(y, z, null);
                zs.add(z);
            }
            for (double f : FRACTIONS) {
                double sigma = f * h.validBelow();
                double[] outZ = new double[r * stride], out = new double[d * stride];
                h.denoiseInSubspaceBatch(TestSupport.soa(zs, stride), count, stride, sigma, outZ);
                h.denoiseBatch(TestSupport.soa(ys, stride), count, stride, sigma, out);
                double[] one = new double[r], oneY = new double[d];
                for (int b = 0; b < count; b++) {
                    h.denoiseInSubspace(zs.get(b), sigma, one);
                    TestSupport.assertSameBits(one, TestSupport.column(outZ, b, stride, r), name + ", subspace, point " + b + " of " + count);
                    h.denoise(ys.get(b), sigma, oneY);
                    TestSupport.assertSameBits(oneY, TestSupport.column(out, b, stride, d), name + ", ambient, point " + b + " of " + count);
                }
            }
        }
    }

    /** Unit edges take the unit-ramp loop (rows 3 and 4 here, with ±0 entries), edges of 2.5 the general exact one. */
    @Test
    void fusedEulerStepsAreTheDenoiserThenTheUpdateLevelByLevel() {
        for (double norm : new double[] {1.0, 2.5}) fusedEulerStepsMatchLevelByLevel(norm);
    }

    private static void fusedEulerStepsMatchLevelByLevel(double norm) {
        TrainingSet equal = data(DatasetKind.ORTHOGONAL, 6, 8, 0, Norms.fixed(norm), false, 3);
        RampSumDenoiser h = RampSumDenoiser.forData(equal, ALPHA);
        int r = h.subspace().dimension(), count = 9, stride = 11;
        Random rnd = new Random(10);
        List<double[]> zs = new ArrayList<>();
        for (int b = 0; b < count; b++) zs.add(TestSupport.gaussian(rnd, r, 0.7));
        double v = h.validBelow();
        double[] sigmas = {0.9 * v, 0.7 * v, 0.4 * v, 0.2 * v, 0.05 * v, 0.01 * v};
        int from = 1, to = 5;
        // one point far out (|t| beyond 2^53: those rows take Math.min/max), one non-finite
        zs.get(3)[1] = 1e17;
        zs.get(5)[2] = Double.POSITIVE_INFINITY;
        zs.get(6)[0] = Double.NaN;
        zs.get(1)[3] = -0.0; // ga·x + ck turns −0 into +0; the unit loop skips it
        zs.get(2)[3] = 0.0;
        zs.get(4)[4] = -0.0;
        double[] fused = TestSupport.soa(zs, stride), stepwise = TestSupport.soa(zs, stride), hz = new double[r * stride];
        assertTrue(h.fusesEulerSteps());
        h.eulerStepsInSubspaceBatch(fused, count, stride, sigmas, from, to, new double[4 * (to - from)]);
        for (int i = from; i < to; i++) {
            double sigma = sigmas[i], ds = sigmas[i + 1] - sigma, inv = 1.0 / sigma;
            h.denoiseInSubspaceBatch(stepwise, count, stride, sigma, hz);
            for (int j = 0; j < r; j++) {
                for (int b = 0; b < count; b++) {
                    int at = j * stride + b;
                    stepwise[at] += ds * ((stepwise[at] - hz[at]) * inv);
                }
            }
        }
        for (int b = 0; b < count; b++) {
            TestSupport.assertSameBits(TestSupport.column(stepwise, b, stride, r), TestSupport.column(fused, b, stride, r), "edges " + norm + ", point " + b);
        }
        for (int j = 0; j < r; j++) {
            for (int b = count; b < stride; b++) assertTrue(Double.isNaN(fused[j * stride + b]), "padding beyond count untouched");
        }
        RampSumDenoiser unequal = RampSumDenoiser.forData(data(DatasetKind.ORTHOGONAL, 6, 8, 0, new Norms(0.5, 1.5), false, 3), ALPHA);
        assertFalse(unequal.fusesEulerSteps(), "only equal edges take the fused steps");
        assertThrows(IllegalStateException.class, () -> unequal.eulerStepsInSubspaceBatch(fused, count, stride, sigmas, from, to, new double[16]));
    }

    @Test
    void clampFromAbsoluteValuesIsClamp01BitForBitBelow2p53() {
        double[] edges = {0.0, -0.0, 1.0, -1.0, 0.5, Math.nextUp(1.0), Math.nextDown(1.0), Math.nextUp(0.0), -Math.nextUp(0.0),
                Double.MIN_NORMAL, 2.0, 0x1p52, -0x1p52, Math.nextDown(0x1p53), 1e-300, -1e-300, Double.NaN};
        for (double t : edges) assertEquals(Double.doubleToRawLongBits(RampSumDenoiser.clamp01(t)),
                Double.doubleToRawLongBits(RampSumDenoiser.clamp01Below2p53(t)), "t = " + t);
        Random rnd = new Random(12);
        for (int i = 0; i < 1_000_000; i++) {
            double t = i % 3 == 0 ? 3 * rnd.nextGaussian() : i % 3 == 1 ? rnd.nextDouble() : Math.scalb(rnd.nextGaussian(), rnd.nextInt(110) - 56);
            if (!(Math.abs(t) < 0x1p53)) continue; // beyond, t − 1 rounds (9.1e15 gives 0): the flow checks its bound first
            assertEquals(Double.doubleToRawLongBits(RampSumDenoiser.clamp01(t)), Double.doubleToRawLongBits(RampSumDenoiser.clamp01Below2p53(t)), "t = " + t);
        }
    }

    @Test
    void outputStaysInTheHyperbox() {
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 4, 6, 0, new Norms(0.5, 1.5), false, 2);
        RampSumDenoiser h = RampSumDenoiser.hyperbox(t, 1.0);
        double[][] e = t.edges();
        Random r = new Random(1);
        double[] out = new double[6];
        for (int k = 0; k < 1000; k++) {
            h.denoise(TestSupport.gaussian(r, 6, 3), 0.2, out);
            for (int n = 0; n < 3; n++) {
                double beta = dot(out, e[n]) / dot(e[n], e[n]);
                assertTrue(beta >= 0 && beta <= 1, "β_" + n + " = " + beta);
            }
            for (int i = 3; i < 6; i++) assertEquals(0.0, out[i], "nothing outside the span");
        }
    }

    /** h(x₀ + Σβ e_n + w) − (x₀ + Σβ e_n + w). */
    private static double residual(RampSumDenoiser h, TrainingSet t, double sigma, double[] beta, double[] perp) {
        double[] y = axpy(boxPoint(t, beta), 1, perp), out = new double[y.length];
        h.denoise(y, sigma, out);
        return TestSupport.maxAbsDiff(out, y);
    }

    private static boolean isZeroHalfOne(double b) {
        return b == 0 || b == 0.5 || b == 1;
    }

    @Test
    void fixedPointsAreZeroHalfOnePerCoordinate() {
        for (TrainingSet t : new TrainingSet[] {
            data(DatasetKind.ORTHOGONAL, 4, 5, 0, Norms.fixed(1), false, 1),
            data(DatasetKind.ORTHOGONAL, 4, 5, 0, new Norms(0.6, 1.4), false, 2),
            data(DatasetKind.ORTHOGONAL, 4, 5, 0, new Norms(0.6, 1.4), true, 3)}) {
            RampSumDenoiser h = RampSumDenoiser.hyperbox(t, ALPHA);
            double sigma = 0.6 * h.validBelow();
            double[] zero = new double[5];
            Random r = new Random(3);
            // 1-D scans along each edge, the other coefficients at random values of {0, ½, 1}
            for (int n = 0; n < 3; n++) {
                for (int rep = 0; rep < 5; rep++) {
                    double[] beta = new double[3];
                    for (int m = 0; m < 3; m++) beta[m] = 0.5 * r.nextInt(3);
                    for (int j = 0; j <= 128; j++) {
                        beta[n] = -0.5 + j / 64.0;
                        boolean fixed = residual(h, t, sigma, beta, zero) < 1e-12;
                        assertEquals(isZeroHalfOne(beta[n]), fixed, "β = " + java.util.Arrays.toString(beta));
                    }
                }
            }
            // a full 2-D grid over two coefficients
            for (int i = 0; i <= 32; i++) {
                for (int j = 0; j <= 32; j++) {
                    double[] beta = {-0.5 + i / 16.0, -0.5 + j / 16.0, 1.0};
                    boolean fixed = residual(h, t, sigma, beta, zero) < 1e-12;
                    assertEquals(isZeroHalfOne(beta[0]) && isZeroHalfOne(beta[1]), fixed, java.util.Arrays.toString(beta));
                }
            }
            // nothing with a part outside the span is fixed
            double[] perp = new double[5];
            if (t.spec().randomRotation()) {
                double[] w = TestSupport.gaussian(r, 5, 1);
                for (double[] e : t.edges()) w = axpy(w, -dot(w, e) / dot(e, e), e);
                perp = axpy(perp, 0.01 / TestSupport.linf(w), w);
            } else {
                perp[4] = 0.01;
            }
            assertTrue(residual(h, t, sigma, new double[] {0, 1, 0.5}, perp) > 1e-3);
            assertTrue(residual(h, t, sigma, new double[] {1, 1, 1}, perp) > 1e-3);
        }
    }

    @Test
    void onlyTheVerticesAreStable() {
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 4, 5, 0, new Norms(0.6, 1.4), false, 2);
        RampSumDenoiser h = RampSumDenoiser.hyperbox(t, ALPHA);
        double sigma = 0.6 * h.validBelow(), rho = ALPHA * sigma, eps = 1e-6;
        double[][] e = t.edges();
        double[] zero = new double[5];
        for (int n = 0; n < 3; n++) {
            double len = norm(e[n]);
            for (double b : new double[] {0, 0.5, 1}) {
                // slope of β ↦ β-coefficient of h along edge n, others at 1
                double[] lo = {1, 1, 1}, hi = {1, 1, 1};
                lo[n] = b - eps;
                hi[n] = b + eps;
                double[] hl = new double[5], hh = new double[5];
                h.denoise(axpy(boxPoint(t, lo), 1, zero), sigma, hl);
                h.denoise(boxPoint(t, hi), sigma, hh);
                double slope = (dot(hh, e[n]) - dot(hl, e[n])) / (len * len) / (2 * eps);
                double expected = b == 0.5 ? len / (len - 2 * rho) : 0.0;
                assertEquals(expected, slope, 1e-6, "slope at β_" + n + " = " + b);
                if (b == 0.5) assertTrue(slope > 1, "½ is unstable");
            }
        }
        // Numerical Jacobian: zero at every vertex (stable), eigenvalues L_n/(L_n − 2ρ) > 1 and 0 at the centre.
        double[] vertex = boxPoint(t, 1, 0, 1), centre = boxPoint(t, 0.5, 0.5, 0.5);
        double[][] jv = jacobian(h, vertex, sigma, eps), jc = jacobian(h, centre, sigma, eps);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(0.0, jv[i][j], 1e-9, "J at a vertex");
                double expected = i == j && i < 3 ? norm(e[i]) / (norm(e[i]) - 2 * rho) : 0.0;
                assertEquals(expected, jc[i][j], 1e-6, "J at the centre");
            }
        }
    }

    private static double[][] jacobian(RampSumDenoiser h, double[] y, double sigma, double eps) {
        int d = y.length;
        double[][] j = new double[d][d];
        double[] hp = new double[d], hm = new double[d];
        for (int k = 0; k < d; k++) {
            double[] yp = y.clone(), ym = y.clone();
            yp[k] += eps;
            ym[k] -= eps;
            h.denoise(yp, sigma, hp);
            h.denoise(ym, sigma, hm);
            for (int i = 0; i < d; i++) j[i][k] = (hp[i] - hm[i]) / (2 * eps);
        }
        return j;
    }

    @Test
    void obtuseVertexIsFixedIffItsEdgesDoNotPushBackMoreThanRho() {
        // κ = 0.2, unit edges, ρ = 0.25: Σ_{m∈I, m≠n} u_n·e_m = −0.2(|I| − 1) ≥ −ρ only for |I| ≤ 2.
        for (boolean rotate : new boolean[] {false, true}) {
            TrainingSet t = data(DatasetKind.OBTUSE_SIMPLEX, 5, 6, 0.2, Norms.fixed(1), rotate, 4);
            RampSumDenoiser h = RampSumDenoiser.hyperbox(t, 1.0);
            double rho = 0.25, sigma = rho;
            double[][] e = t.edges();
            int fixedCount = 0;
            for (int mask = 0; mask < 16; mask++) {
                double[] beta = new double[4];
                for (int n = 0; n < 4; n++) beta[n] = (mask >> n & 1);
                boolean rule = true;
                for (int n = 0; n < 4; n++) {
                    if ((mask >> n & 1) == 0) continue;
                    double push = 0;
                    for (int m = 0; m < 4; m++) if (m != n && (mask >> m & 1) == 1) push += dot(e[n], e[m]) / norm(e[n]);
                    rule &= push >= -rho;
                }
                double res = residual(h, t, sigma, beta, new double[6]);
                assertEquals(rule, res < 1e-12, "vertex " + Integer.toBinaryString(mask) + " residual " + res);
                assertEquals(Integer.bitCount(mask) <= 2, rule);
                if (rule) fixedCount++;
            }
            assertEquals(1 + 4 + 6, fixedCount, "the apex, 4 training points and 6 pairs");
        }
    }

    @Test
    void forDataDispatchesAndRejectsOtherKinds() {
        TrainingSet g = data(DatasetKind.GAUSSIAN, 5, 4, 0, Norms.fixed(1), false, 1);
        assertInvalid("low-noise", "closed", () -> RampSumDenoiser.forData(g, 1.0), "mmse");
        TrainingSet eq = data(DatasetKind.EQUILATERAL_SIMPLEX, 3, 4, 0, Norms.fixed(1), false, 1);
        assertInvalid("low-noise", "closed", () -> RampSumDenoiser.hyperbox(eq, 1.0), "equilateral-simplex");
        TrainingSet o = data(DatasetKind.ORTHOGONAL, 3, 4, 0, Norms.fixed(1), false, 1);
        assertInvalid("low-noise", "closed", () -> RampSumDenoiser.equilateral(o, 1.0), "orthogonal");
        assertInvalid("alpha", "0", () -> RampSumDenoiser.hyperbox(o, 0.0));
        assertInvalid("alpha", "-1", () -> RampSumDenoiser.forData(eq, -1.0));
        assertInvalid("alpha", "Infinity", () -> RampSumDenoiser.forData(eq, Double.POSITIVE_INFINITY));
        assertInvalid("alpha", "NaN", () -> RampSumDenoiser.forData(o, Double.NaN));
        assertFalse(RampSumDenoiser.forData(eq, 1.0).isAligned());
    }

    @Test
    void closedFormValuesByHand() {
        // {0, e1, e2} in R^2 with ρ = 0.1 (α = 1, σ = 0.1): ramp = clamp((y_n − 0.1)/0.8).
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 3, 2, 0, Norms.fixed(1), false, 1);
        RampSumDenoiser h = RampSumDenoiser.hyperbox(t, 1.0);
        double[] out = new double[2];
        h.denoise(new double[] {0.5, 0.3}, 0.1, out);
        assertClose(new double[] {0.5, 0.25}, out, 1e-15, "h(0.5, 0.3)");
        h.denoise(new double[] {-3, 0.85}, 0.1, out);
        assertClose(new double[] {0, 0.9375}, out, 1e-15, "h(−3, 0.85)");
        assertEquals(2 * 2 * 1 / 0.8, h.cost(0.1), 1e-14, "Σ 2L/(L − 2ρ) = 5");
        assertEquals(0.5, h.validBelow(), 0.0);
    }
}
