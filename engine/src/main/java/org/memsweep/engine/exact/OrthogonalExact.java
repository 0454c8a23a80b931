package org.memsweep.engine.exact;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.stat.Normal;

/**
 * Exact solutions for orthogonal, axis-aligned data with the closed-form denoiser (science.md §5).
 * Each coordinate t = u_n·(y − x₀) along an edge of length a evolves on its own, and so does each
 * coordinate outside the span.
 * <ul>
 * <li>Score flow: t → a if t₀ > a/2, t → 0 if t₀ < a/2 (the nearest vertex).</li>
 * <li>Probability flow from σ_s to σ_e (ρ = ασ): t_s ≤ ρ_s ↦ t_s σ_e/σ_s; t_s ≥ a − ρ_s ↦
 * a + (t_s − a)σ_e/σ_s; otherwise t_e − a/2 = (t_s − a/2)(a − 2ασ_e)/(a − 2ασ_s); the perpendicular
 * part scales by σ_e/σ_s. The map t_s ↦ t_e is continuous, strictly increasing and piecewise linear,
 * so every category probability under a Gaussian start is a product of Gaussian interval
 * probabilities (the per-coordinate events are independent).</li>
 * </ul>
 */
public final class OrthogonalExact {
    private OrthogonalExact() {}

    /** End of one edge coordinate under the probability flow. */
    public static double probabilityFlowEnd(double t, double a, double alpha, double sigmaStart, double sigmaEnd) {
        double rhoS = alpha * sigmaStart, ratio = sigmaEnd / sigmaStart;
        if (t <= rhoS) return t * ratio;
        if (t >= a - rhoS) return a + (t - a) * ratio;
        return a / 2 + (t - a / 2) * (a - 2 * alpha * sigmaEnd) / (a - 2 * alpha * sigmaStart);
    }

    /** Start of an edge coordinate that the probability flow carries to {@code tEnd} (the inverse map). */
    public static double probabilityFlowStart(double tEnd, double a, double alpha, double sigmaStart, double sigmaEnd) {
        double rhoE = alpha * sigmaEnd, ratio = sigmaStart / sigmaEnd;
        if (tEnd <= rhoE) return tEnd * ratio;
        if (tEnd >= a - rhoE) return a + (tEnd - a) * ratio;
        return a / 2 + (tEnd - a / 2) * (a - 2 * alpha * sigmaStart) / (a - 2 * alpha * sigmaEnd);
    }

    /** End of one edge coordinate under the score flow (a/2 itself is the unstable fixed point). */
    public static double scoreFlowEnd(double t, double a) {
        return t > a / 2 ? a : t < a / 2 ? 0.0 : a / 2;
    }

    /**
     * Category probabilities of the probability flow's endpoint, start y ~ N(μ, s² I_d) with μ in
     * the span of the edges.
     *
     * @param lengths edge lengths L_n (m = N − 1 of them)
     * @param d       ambient dimension (d − m coordinates lie outside the span)
     * @param mean    μ_n = u_n·(μ − x₀) per edge
     */
    public static CategoryProbabilities probabilityFlow(double[] lengths, int d, double alpha, double sigmaStart,
                                                        double sigmaEnd, double tau, double[] mean, double s) {
        check(lengths, d, tau, mean, s);
        for (double a : lengths) {
            if (!(a > 2 * alpha * sigmaStart)) {
                throw new InvalidParameterException("sigma-max", sigmaStart, "σ_start < σ_valid = " + a / (2 * alpha)
                        + " for the exact solution (the closed form must hold at every level)");
            }
        }
        int m = lengths.length;
        double[] q0 = new double[m], q1 = new double[m], box = new double[m];
        for (int k = 0; k < m; k++) {
            double a = lengths[k];
            double half = a / 2;
            q0[k] = pfInterval(-tau, Math.min(tau, half), a, alpha, sigmaStart, sigmaEnd, mean[k], s);
            q1[k] = pfInterval(Math.max(a - tau, half), a + tau, a, alpha, sigmaStart, sigmaEnd, mean[k], s);
            box[k] = pfInterval(-tau, a + tau, a, alpha, sigmaStart, sigmaEnd, mean[k], s);
        }
        // Outside the span t_e = t_s σ_e/σ_s with t_s ~ N(0, s²).
        double limit = tau * sigmaStart / sigmaEnd / s;
        double perp = Math.pow(Normal.interval(-limit, limit), d - m);
        return combine(q0, q1, box, perp);
    }

    /**
     * Category probabilities of the score flow's endpoint (run to convergence), start
     * y ~ N(μ, s² I_d): every coordinate rounds to its nearest vertex value, so all endpoints are
     * vertices and P(edge n ends at a_n) = P(t_n > a_n/2).
     */
    public static CategoryProbabilities scoreFlow(double[] lengths, int d, double tau, double[] mean, double s) {
        check(lengths, d, tau, mean, s);
        int m = lengths.length;
        double[] q0 = new double[m], q1 = new double[m], box = new double[m];
        for (int k = 0; k < m; k++) {
            q1[k] = Normal.sf((lengths[k] / 2 - mean[k]) / s);
            q0[k] = 1.0 - q1[k];
            box[k] = 1.0;
        }
        return combine(q0, q1, box, 1.0);
    }

    private static void check(double[] lengths, int d, double tau, double[] mean, double s) {
        if (lengths.length > d) throw new InvalidParameterException("n", lengths.length + 1, "N − 1 ≤ d = " + d);
        if (mean.length != lengths.length) throw new IllegalArgumentException("one mean per edge expected");
        InvalidParameterException.requirePositive("tau", tau);
        InvalidParameterException.requirePositive("start-scale", s);
    }

    /** P(t_e ∈ [lo, hi]) for t_s ~ N(μ, s²), through the increasing inverse map. */
    private static double pfInterval(double lo, double hi, double a, double alpha, double sS, double sE, double mu, double s) {
        if (!(hi > lo)) return 0.0;
        double from = probabilityFlowStart(lo, a, alpha, sS, sE), to = probabilityFlowStart(hi, a, alpha, sS, sE);
        return Normal.interval((from - mu) / s, (to - mu) / s);
    }

    /**
     * Per edge: q0 = P(rounds to 0 and within τ), q1 = P(rounds to 1 and within τ),
     * box = P(within τ of [0, a]); perp = P(every outside coordinate within τ). The vertex order k
     * is distributed as the coefficients of Π(q0_n + q1_n x).
     */
    private static CategoryProbabilities combine(double[] q0, double[] q1, double[] box, double perp) {
        int m = q0.length;
        double[] poly = new double[m + 1];
        poly[0] = 1.0;
        for (int k = 0; k < m; k++) {
            for (int j = k + 1; j >= 1; j--) poly[j] = poly[j] * q0[k] + poly[j - 1] * q1[k];
            poly[0] *= q0[k];
        }
        double inBox = perp, nearVertex = 0, virtual = 0;
        for (double b : box) inBox *= b;
        for (int j = 0; j <= m; j++) {
            poly[j] *= perp;
            nearVertex += poly[j];
            if (j >= 2) virtual += poly[j];
        }
        double manifold = Math.max(0.0, inBox - nearVertex);
        double other = Math.max(0.0, 1.0 - inBox);
        return new CategoryProbabilities(poly[0], m >= 1 ? poly[1] : 0.0, virtual, manifold, other, poly);
    }
}
