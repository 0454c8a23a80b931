package org.memsweep.engine.flow;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.denoiser.Denoiser;

/**
 * The score flow of science.md §4 at a fixed noise level: dy/dr = h_σ(y) − y, Euler steps
 * y ← y + η(h_σ(y) − y) with η ∈ (0, 1] (η = 1 is fixed-point iteration). Stops when
 * ‖h(y) − y‖∞ < tol or after {@code maxSteps} steps.
 * <p>In a subspace the perpendicular part decays by exactly (1 − η) per step. Per step
 * O(cost of h), no allocation. Not thread-safe.
 */
public final class ScoreFlow implements Flow {
    private final Denoiser denoiser;
    private final double sigma, eta, tol;
    private final int maxSteps;
    private final FlowSpace space;
    private final double[] x, h, res, perp;

    public ScoreFlow(Denoiser denoiser, double sigma, double eta, double tol, int maxSteps, boolean subspace) {
        InvalidParameterException.requirePositive("sigma", sigma);
        if (!(sigma < denoiser.validBelow())) {
            throw new InvalidParameterException("sigma", sigma, "σ < σ_valid = " + denoiser.validBelow()
                    + " for the score flow's closed-form denoiser");
        }
        if (!(eta > 0 && eta <= 1)) throw new InvalidParameterException("eta", eta, "0 < η ≤ 1");
        InvalidParameterException.requirePositive("tol", tol);
        if (maxSteps < 1) throw new InvalidParameterException("max-steps", maxSteps, "an integer ≥ 1");
        this.denoiser = denoiser;
        this.sigma = sigma;
        this.eta = eta;
        this.tol = tol;
        this.maxSteps = maxSteps;
        this.space = FlowSpace.choose(subspace, denoiser);
        int n = space.size();
        this.x = new double[n];
        this.h = new double[n];
        this.res = new double[n];
        this.perp = new double[denoiser.dimension()];
    }

    @Override
    public int dimension() {
        return perp.length;
    }

    @Override
    public FlowOutcome run(double[] start, double[] end) {
        space.split(start, x, perp);
        double perpSq = 0;
        if (space.isSubspace()) for (double p : perp) perpSq += p * p;
        int n = x.length;
        double perpScale = 1.0;
        boolean converged = false;
        int step = 0;
        for (; ; step++) {
            space.denoise(denoiser, x, sigma, h);
            // residual h(y) − y: coordinates h − x, perpendicular part −perpScale·perp
            for (int j = 0; j < n; j++) res[j] = h[j] - x[j];
            if (space.linfBelow(res, perp, perpSq, -perpScale, tol)) {
                converged = true;
                break;
            }
            if (step == maxSteps) break;
            for (int j = 0; j < n; j++) x[j] += eta * res[j];
            perpScale *= 1 - eta;
        }
        space.join(x, perp, perpScale, end);
        return new FlowOutcome(step, converged);
    }
}
