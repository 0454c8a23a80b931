package org.memsweep.engine.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OrthogonalExactTest {
    @Test
    void referenceVectorOfScienceSection5() {
        double[] start = {0.2, 0.45, 0.6, 0.75, -0.3, 1.4};
        double[] pf = {0.004, 0.3765, 0.747, 0.995, -0.006, 1.008};
        double[] sf = {0, 0, 1, 1, 0, 1};
        for (int i = 0; i < 6; i++) {
            assertEquals(pf[i], OrthogonalExact.probabilityFlowEnd(start[i], 1, 3, 0.1, 0.002), 1e-15, "PF end of " + start[i]);
            assertEquals(sf[i], OrthogonalExact.scoreFlowEnd(start[i], 1), 0.0, "score flow end of " + start[i]);
        }
        assertEquals(0.5, OrthogonalExact.scoreFlowEnd(0.5, 1), 0.0, "the unstable point stays");
        assertEquals(2.0, OrthogonalExact.scoreFlowEnd(1.01, 2), 0.0);
        assertEquals(0.0, OrthogonalExact.scoreFlowEnd(0.99, 2), 0.0);
    }

    @Test
    void probabilityFlowMapIsContinuousIncreasingAndInvertible() {
        double a = 1.3, alpha = 2.5, sS = 0.2, sE = 0.004;
        double rho = alpha * sS;
        // continuity at the region boundaries ρ_s and a − ρ_s
        for (double b : new double[] {rho, a - rho}) {
            double left = OrthogonalExact.probabilityFlowEnd(Math.nextDown(b), a, alpha, sS, sE);
            double right = OrthogonalExact.probabilityFlowEnd(Math.nextUp(b), a, alpha, sS, sE);
            assertEquals(left, right, 1e-12, "continuous at " + b);
        }
        // the three pieces by hand
        assertEquals(0.1 * sE / sS, OrthogonalExact.probabilityFlowEnd(0.1, a, alpha, sS, sE), 1e-15);
        assertEquals(a + 0.2 * sE / sS, OrthogonalExact.probabilityFlowEnd(a + 0.2, a, alpha, sS, sE), 1e-15);
        assertEquals(a / 2 + 0.05 * (a - 2 * alpha * sE) / (a - 2 * alpha * sS),
                OrthogonalExact.probabilityFlowEnd(a / 2 + 0.05, a, alpha, sS, sE), 1e-15);
        Random r = new Random(1);
        double prev = Double.NEGATIVE_INFINITY;
        for (int k = -2000; k <= 2000; k++) {
            double t = k / 1000.0;
            double e = OrthogonalExact.probabilityFlowEnd(t, a, alpha, sS, sE);
            assertTrue(e > prev, "strictly increasing at " + t);
            prev = e;
            assertEquals(t, OrthogonalExact.probabilityFlowStart(e, a, alpha, sS, sE), 1e-12, "inverse at " + t);
            double te = a * (3 * r.nextDouble() - 1);
            assertEquals(te, OrthogonalExact.probabilityFlowEnd(OrthogonalExact.probabilityFlowStart(te, a, alpha, sS, sE), a, alpha, sS, sE), 1e-12);
        }
        // a coordinate never changes region, and the middle one freezes strictly inside (0, a)
        assertTrue(OrthogonalExact.probabilityFlowEnd(rho + 1e-9, a, alpha, sS, sE) > alpha * sE);
        assertTrue(OrthogonalExact.probabilityFlowEnd(a - rho - 1e-9, a, alpha, sS, sE) < a - alpha * sE);
    }

    // ---- An oracle that shares no code with OrthogonalExact: the ODE of science.md §4 integrated
    // numerically, the Gaussian integrated by quadrature, the categories by enumerating vertices.

    /** Ramp of science.md §3.1 along one axis-aligned edge of length a, at ρ = ασ. */
    private static double ramp(double t, double a, double rho) {
        return a * Math.min(1, Math.max(0, (t - rho) / (a - 2 * rho)));
    }

    /**
     * One coordinate of the probability flow dy/dσ = (y − h_σ(y))/σ from σ_s down to σ_e, by RK4
     * in u = ln σ (dt/du = t − h), 4000 steps. {@code a = +∞} is a coordinate outside the span,
     * where the denoiser has no component (h = 0).
     */
    private static double odeEnd(double t, double a, double alpha, double sS, double sE) {
        int steps = 4000;
        double u = Math.log(sS), du = (Math.log(sE) - u) / steps;
        for (int i = 0; i < steps; i++) {
            double k1 = t - h(t, a, alpha, u);
            double k2 = t + du / 2 * k1 - h(t + du / 2 * k1, a, alpha, u + du / 2);
            double k3 = t + du / 2 * k2 - h(t + du / 2 * k2, a, alpha, u + du / 2);
            double k4 = t + du * k3 - h(t + du * k3, a, alpha, u + du);
            t += du / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            u += du;
        }
        return t;
    }

    private static double h(double t, double a, double alpha, double u) {
        return Double.isInfinite(a) ? 0 : ramp(t, a, alpha * Math.exp(u));
    }

    /**
     * The start t₀ ∈ [μ − 12s, μ + 12s] whose end is {@code target}, by bisection: solutions of a
     * one-dimensional ODE cannot cross, so the end is an increasing function of the start.
     */
    private static double startOf(double target, double a, double alpha, double sS, double sE, double mu, double s) {
        double lo = mu - 12 * s, hi = mu + 12 * s;
        if (odeEnd(lo, a, alpha, sS, sE) >= target) return lo;
        if (odeEnd(hi, a, alpha, sS, sE) <= target) return hi;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (odeEnd(mid, a, alpha, sS, sE) < target) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /** ∫ over [from, to] of the N(μ, s²) density, composite Simpson with 20000 intervals. */
    private static double gaussianMass(double from, double to, double mu, double s) {
        if (!(to > from)) return 0;
        int n = 20_000;
        double h = (to - from) / n, sum = 0;
        for (int i = 0; i <= n; i++) {
            double z = (from + i * h - mu) / s;
            double f = Math.exp(-z * z / 2) / (s * Math.sqrt(2 * Math.PI));
            sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    /** P(end ∈ [lo, hi]) for a start t₀ ~ N(μ, s²). */
    private static double pEnd(double lo, double hi, double a, double alpha, double sS, double sE, double mu, double s) {
        if (!(hi > lo)) return 0;
        return gaussianMass(startOf(lo, a, alpha, sS, sE, mu, s), startOf(hi, a, alpha, sS, sE, mu, s), mu, s);
    }

    /** Per-coordinate end probabilities from the ODE, categories by enumerating every vertex (science.md §6). */
    private static double[] bruteForce(double[] len, int d, double alpha, double sS, double sE, double tau, double[] mean, double s) {
        int m = len.length;
        double[] near0 = new double[m], near1 = new double[m], box = new double[m];
        for (int n = 0; n < m; n++) {
            double a = len[n];
            near0[n] = pEnd(-tau, Math.min(tau, a / 2), a, alpha, sS, sE, mean[n], s); // rounds to 0, within τ of it
            near1[n] = pEnd(Math.max(a - tau, a / 2), a + tau, a, alpha, sS, sE, mean[n], s); // rounds to a, within τ
            box[n] = pEnd(-tau, a + tau, a, alpha, sS, sE, mean[n], s); // within τ of [0, a]
        }
        // the start's mean lies in the span: each outside coordinate starts as N(0, s²)
        double perp = Math.pow(pEnd(-tau, tau, Double.POSITIVE_INFINITY, alpha, sS, sE, 0, s), d - m);
        double[] byOrder = new double[m + 1];
        for (int mask = 0; mask < 1 << m; mask++) {
            double p = perp;
            for (int n = 0; n < m; n++) p *= (mask >> n & 1) == 1 ? near1[n] : near0[n];
            byOrder[Integer.bitCount(mask)] += p;
        }
        double inBox = perp;
        for (double b : box) inBox *= b;
        double vertex = 0, virtual = 0;
        for (int k = 0; k <= m; k++) {
            vertex += byOrder[k];
            if (k >= 2) virtual += byOrder[k];
        }
        return new double[] {byOrder[0], byOrder[1], virtual, inBox - vertex, 1 - inBox};
    }

    @Test
    void theOracleIntegratesTheFlowToTheReferenceVector() {
        // science.md §5's published vector checks the oracle's ODE itself (to its printed digits)
        double[] start = {0.2, 0.45, 0.6, 0.75, -0.3, 1.4};
        double[] published = {0.004, 0.3765, 0.747, 0.995, -0.006, 1.008};
        for (int i = 0; i < 6; i++) assertEquals(published[i], odeEnd(start[i], 1, 3, 0.1, 0.002), 5e-4, "ODE end of " + start[i]);
        assertEquals(0.5 * 0.002 / 0.1, odeEnd(0.5, Double.POSITIVE_INFINITY, 3, 0.1, 0.002), 1e-12, "outside the span");
        assertEquals(0.6826894921370859, gaussianMass(-1, 1, 0, 1), 1e-12, "P(|Z| ≤ 1)");
    }

    private static void assertMatches(double[] expected, CategoryProbabilities p, double tol, String what) {
        double[] got = {p.apex(), p.training(), p.virtual(), p.manifold(), p.other()};
        String[] names = {"apex", "training", "virtual", "manifold", "other"};
        for (int i = 0; i < 5; i++) assertEquals(expected[i], got[i], tol, what + ": " + names[i]);
        assertEquals(1.0, p.apex() + p.training() + p.virtual() + p.manifold() + p.other(), 1e-12, what + ": total");
        double vertex = 0;
        for (double v : p.vertexOrder()) vertex += v;
        assertEquals(p.apex() + p.training() + p.virtual(), vertex, 1e-12, what + ": Σ vertexOrder");
        assertEquals(p.apex(), p.vertexOrder()[0], 0.0);
        assertEquals(p.training(), p.vertexOrder()[1], 0.0);
    }

    @Test
    void probabilityFlowCategoriesMatchBruteForce() {
        double[][] lengths = {{1, 1, 1}, {0.7, 1.2, 1.5}, {0.3, 1, 2}};
        double[][] means = {{0, 0, 0}, {0.5, 0.6, 0.75}, {0.15, 0.5, 1.0}};
        double[] scales = {0.5, 0.3, 0.4};
        double[] alphas = {2, 1.5, 0.5};
        double[] sigmaEnd = {0.05, 0.002, 0.02};
        for (int c = 0; c < 3; c++) {
            double alpha = alphas[c], tau = 0.2;
            double minLen = Double.POSITIVE_INFINITY;
            for (double l : lengths[c]) minLen = Math.min(minLen, l);
            double sS = 0.9 * minLen / (2 * alpha);
            int d = 5;
            CategoryProbabilities p = OrthogonalExact.probabilityFlow(lengths[c], d, alpha, sS, sigmaEnd[c], tau, means[c], scales[c]);
            double[] expected = bruteForce(lengths[c], d, alpha, sS, sigmaEnd[c], tau, means[c], scales[c]);
            assertMatches(expected, p, 1e-9, "case " + c);
        }
    }

    @Test
    void scoreFlowCategoriesAreTheProductFormula() {
        double[] len = {1, 0.8, 1.4, 1.1};
        double[] mean = {0.5, 0.2, 0.9, 0.0};
        double s = 0.35;
        CategoryProbabilities p = OrthogonalExact.scoreFlow(len, 9, 0.2, mean, s);
        double[] pn = new double[4];
        for (int n = 0; n < 4; n++) pn[n] = gaussianMass(len[n] / 2, mean[n] + 12 * s, mean[n], s); // P(t_n > L_n/2)
        double apex = 1, training = 0;
        for (int n = 0; n < 4; n++) apex *= 1 - pn[n];
        for (int n = 0; n < 4; n++) {
            double q = pn[n];
            for (int m = 0; m < 4; m++) if (m != n) q *= 1 - pn[m];
            training += q;
        }
        assertMatches(new double[] {apex, training, 1 - apex - training, 0, 0}, p, 1e-12, "score flow");
        assertEquals(0.5 * 0.5 * 0.5 * 0.5, OrthogonalExact.scoreFlow(new double[] {1, 1, 1, 1}, 4, 0.2, new double[] {0.5, 0.5, 0.5, 0.5}, 1).vertexOrder()[2] / 6, 1e-15,
                "from the centre every vertex has probability 2^−m");
    }

    @Test
    void invalidArguments() {
        double[] len = {1, 1};
        double[] mean = {0, 0};
        assertInvalid("sigma-max", "0.3", () -> OrthogonalExact.probabilityFlow(len, 3, 2, 0.3, 0.002, 0.2, mean, 1), "σ_valid");
        assertInvalid("tau", "0", () -> OrthogonalExact.probabilityFlow(len, 3, 2, 0.1, 0.002, 0, mean, 1));
        assertInvalid("start-scale", "-1", () -> OrthogonalExact.scoreFlow(len, 3, 0.2, mean, -1));
        assertInvalid("n", "3", () -> OrthogonalExact.scoreFlow(len, 1, 0.2, mean, 1), "d = 1");
    }
}
