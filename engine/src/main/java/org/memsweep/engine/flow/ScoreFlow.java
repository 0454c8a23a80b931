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
    private final ProbabilityFlow.Batch batch;
    private int[] slot = new int[0];
    private double[] perpSqs = new double[0];

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
        this.batch = new ProbabilityFlow.Batch(n, perp.length);
    }

    @Override
    public int dimension() {
        return perp.length;
    }

    @Override
    public int preferredBatch() {
        return denoiser.preferredBatch();
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

    /**
     * The batched {@link #run}. Trajectories stop at different steps: one that has converged or used its
     * step budget is written out at once and the last active column moves into its place, so the
     * batched denoiser only ever sees active trajectories. Each trajectory's updates and stopping test
     * are the single path's, so it gets the same bits and step count for any count.
     */
    @Override
    public void runBatch(int count, BatchIo io) {
        batch.grow(count);
        if (slot.length < count) {
            slot = new int[count];
            perpSqs = new double[count];
        }
        int n = batch.n, d = batch.d, stride = ProbabilityFlow.Batch.stride(count);
        double[] bx = batch.x, bh = batch.h, bres = batch.dx, w = batch.tmp, perps = batch.perps, row = batch.row;
        for (int b = 0; b < count; b++) {
            io.start(b, row, 0);
            space.splitInto(row, 0, b, bx, stride, perps, w);
            slot[b] = b;
            double sq = 0;
            if (space.isSubspace()) for (int i = 0; i < d; i++) sq += perps[b * d + i] * perps[b * d + i];
            perpSqs[b] = sq;
        }
        int active = count;
        double perpScale = 1.0;
        for (int step = 0; active > 0; step++) {
            space.denoiseBatch(denoiser, bx, active, stride, sigma, bh);
            for (int j = 0; j < n; j++) {
                int off = j * stride;
                for (int b = 0; b < active; b++) bres[off + b] = bh[off + b] - bx[off + b];
            }
            for (int b = active - 1; b >= 0; b--) { // descending: a moved-in column has been tested already
                for (int j = 0; j < n; j++) w[j] = bres[j * stride + b];
                int t = slot[b];
                boolean converged = space.linfBelow(w, perps, t * d, perpSqs[t], -perpScale, tol);
                if (!converged && step != maxSteps) continue;
                space.joinFrom(bx, b, stride, perps, t, perpScale, row, 0, w);
                io.end(t, row, 0, step, converged);
                active--;
                if (b != active) { // the last active column takes this place
                    for (int j = 0; j < n; j++) {
                        bx[j * stride + b] = bx[j * stride + active];
                        bres[j * stride + b] = bres[j * stride + active];
                    }
                    slot[b] = slot[active];
                }
            }
            for (int j = 0; j < n; j++) {
                int off = j * stride;
                for (int b = 0; b < active; b++) bx[off + b] += eta * bres[off + b];
            }
            perpScale *= 1 - eta;
        }
    }
}
