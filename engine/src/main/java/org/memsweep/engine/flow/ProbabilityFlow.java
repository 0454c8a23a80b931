package org.memsweep.engine.flow;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.denoiser.Denoiser;
import org.memsweep.engine.denoiser.RampSumDenoiser;

/**
 * The probability flow (VE ODE) of science.md §4 in σ: dy/dσ = (y − h_σ(y))/σ, integrated over a
 * {@link KarrasSchedule} from σ_max down to σ_min with Euler or Heun steps. Level σ_i uses the
 * low-noise denoiser when σ_i ≤ σ_switch and the high-noise one above.
 * <p>In a subspace the perpendicular part has h⊥ = 0, so each Euler or Heun step multiplies it by
 * exactly σ_{i+1}/σ_i; only the r subspace coordinates are integrated. Per step O(cost of h), no
 * allocation. Not thread-safe (preallocated work arrays).
 */
public final class ProbabilityFlow implements Flow {
    private final double[] sigmas;
    private final Denoiser[] perLevel;
    private final Solver solver;
    private final FlowSpace space;
    private final double[] x, h, dx, xt, perp;
    private final Batch batch;
    /** fusedEnd[i] &gt; i: levels i … fusedEnd[i]−1 run as one fused Euler pass ({@link RampSumDenoiser#eulerStepsInSubspaceBatch}); else −1. */
    private final int[] fusedEnd;
    private final double[] fusedScratch;

    /**
     * @param high        denoiser for σ_i > σ_switch (null when no level needs one)
     * @param low         denoiser for σ_i ≤ σ_switch
     * @param sigmaSwitch the switch level
     * @param subspace    integrate in the denoisers' shared subspace when they have one
     */
    public ProbabilityFlow(KarrasSchedule schedule, Solver solver, Denoiser high, Denoiser low,
                           double sigmaSwitch, boolean subspace) {
        this.sigmas = schedule.sigmas();
        this.solver = solver;
        this.perLevel = new Denoiser[sigmas.length];
        for (int i = 0; i < sigmas.length; i++) {
            Denoiser den = sigmas[i] <= sigmaSwitch ? low : high;
            if (den == null) {
                throw new InvalidParameterException("high-noise", "none", "a high-noise denoiser (mmse) when σ_max = "
                        + schedule.sigmaMax() + " lies above σ_switch = " + sigmaSwitch);
            }
            if (!(sigmas[i] < den.validBelow())) {
                throw new InvalidParameterException(den == low ? "sigma-switch" : "high-noise", den == low ? sigmaSwitch : "closed",
                        "a level σ = " + sigmas[i] + " uses a closed form that exists only below σ_valid = "
                                + den.validBelow() + "; use σ_switch < σ_valid or a high-noise denoiser above it");
            }
            perLevel[i] = den;
        }
        this.space = high == null || high == low ? FlowSpace.choose(subspace, low) : FlowSpace.choose(subspace, high, low);
        int n = space.size(), d = low.dimension();
        this.x = new double[n];
        this.h = new double[n];
        this.dx = new double[n];
        this.xt = new double[n];
        this.perp = new double[d];
        this.batch = new Batch(n, d);
        // Runs of consecutive Euler levels whose denoiser fuses its steps (the same ramp sum in subspace coordinates).
        int steps = sigmas.length - 1;
        this.fusedEnd = new int[Math.max(steps, 0)];
        for (int i = steps - 1; i >= 0; i--) {
            boolean fuses = solver == Solver.EULER && space.isSubspace() && perLevel[i] instanceof RampSumDenoiser rs && rs.fusesEulerSteps();
            fusedEnd[i] = !fuses ? -1 : i + 1 < steps && fusedEnd[i + 1] > i + 1 && perLevel[i + 1] == perLevel[i] ? fusedEnd[i + 1] : i + 1;
        }
        this.fusedScratch = new double[4 * Math.max(steps, 0)];
    }

    /** The noise levels (a copy). */
    public double[] sigmas() {
        return sigmas.clone();
    }

    /** Whether this flow integrates in subspace coordinates. */
    public boolean integratesInSubspace() {
        return space.isSubspace();
    }

    @Override
    public int dimension() {
        return perp.length;
    }

    @Override
    public int preferredBatch() {
        int b = Integer.MAX_VALUE;
        for (Denoiser den : perLevel) b = Math.min(b, den.preferredBatch());
        return b;
    }

    @Override
    public FlowOutcome run(double[] start, double[] end) {
        space.split(start, x, perp);
        int n = x.length;
        double perpScale = 1.0;
        int steps = sigmas.length - 1;
        for (int i = 0; i < steps; i++) {
            double s = sigmas[i], s2 = sigmas[i + 1], ds = s2 - s, inv = 1.0 / s;
            space.denoise(perLevel[i], x, s, h);
            for (int j = 0; j < n; j++) dx[j] = (x[j] - h[j]) * inv;
            if (solver == Solver.EULER) {
                for (int j = 0; j < n; j++) x[j] += ds * dx[j];
            } else {
                for (int j = 0; j < n; j++) xt[j] = x[j] + ds * dx[j];
                space.denoise(perLevel[i + 1], xt, s2, h);
                for (int j = 0; j < n; j++) x[j] += 0.5 * ds * (dx[j] + (xt[j] - h[j]) / s2);
            }
            perpScale *= s2 / s;
        }
        space.join(x, perp, perpScale, end);
        boolean finite = true;
        for (double v : end) finite &= Double.isFinite(v);
        return new FlowOutcome(steps, finite);
    }

    /**
     * The batched {@link #run}: all {@code count} trajectories advance level by level with one batched
     * denoiser evaluation per level (two with Heun); the perpendicular scale is common to them. The
     * updates are the single path's, element by element, so every trajectory gets its bits for any count.
     */
    @Override
    public void runBatch(int count, BatchIo io) {
        batch.grow(count);
        int n = batch.n, d = batch.d, stride = Batch.stride(count), len = n * stride;
        double[] bx = batch.x, bh = batch.h, bdx = batch.dx, bxt = batch.xt, row = batch.row;
        for (int b = 0; b < count; b++) {
            io.start(b, row, 0);
            space.splitInto(row, 0, b, bx, stride, batch.perps, batch.tmp);
        }
        double perpScale = 1.0;
        int steps = sigmas.length - 1;
        for (int i = 0; i < steps; i++) {
            int end = fusedEnd[i];
            if (end > i) {
                // levels i … end−1: the denoiser and the update in one pass, coordinate by coordinate (the same bits)
                ((RampSumDenoiser) perLevel[i]).eulerStepsInSubspaceBatch(bx, count, stride, sigmas, i, end, fusedScratch);
                for (int j = i; j < end; j++) perpScale *= sigmas[j + 1] / sigmas[j];
                i = end - 1;
                continue;
            }
            double s = sigmas[i], s2 = sigmas[i + 1], ds = s2 - s, inv = 1.0 / s;
            space.denoiseBatch(perLevel[i], bx, count, stride, s, bh);
            if (solver == Solver.EULER) {
                // one pass instead of two (dx is not needed again): the same operations per element
                for (int j = 0; j < len; j++) bx[j] += ds * ((bx[j] - bh[j]) * inv);
            } else {
                for (int j = 0; j < len; j++) bdx[j] = (bx[j] - bh[j]) * inv;
                for (int j = 0; j < len; j++) bxt[j] = bx[j] + ds * bdx[j];
                space.denoiseBatch(perLevel[i + 1], bxt, count, stride, s2, bh);
                for (int j = 0; j < len; j++) bx[j] += 0.5 * ds * (bdx[j] + (bxt[j] - bh[j]) / s2);
            }
            perpScale *= s2 / s;
        }
        for (int b = 0; b < count; b++) {
            space.joinFrom(bx, b, stride, batch.perps, b, perpScale, row, 0, batch.tmp);
            boolean finite = true;
            for (int i = 0; i < d; i++) finite &= Double.isFinite(row[i]);
            io.end(b, row, 0, steps, finite);
        }
    }

    /** A flow's batch workspace, grown to the largest batch seen (no allocation once warm). */
    static final class Batch {
        final int n, d;
        final double[] tmp, row;
        double[] x = new double[0], h, dx, xt, perps;
        int capacity;

        Batch(int n, int d) {
            this.n = n;
            this.d = d;
            this.tmp = new double[n];
            this.row = new double[d];
        }

        /**
         * The distance between a state coordinate's rows for a batch of {@code count}: count rounded up to whole
         * cache lines (8 doubles), and an odd number of them. A row length of 512 doubles (4 KB) put every entry
         * of a column in the same L1 cache set, and splitting or joining a point (a column) missed the cache at
         * every coordinate. The padding entries take part in the element-wise updates (zeros stay zeros) and are
         * never read back.
         */
        static int stride(int count) {
            int lines = (count + 7) / 8;
            return 8 * (lines % 2 == 0 ? lines + 1 : lines);
        }

        void grow(int count) {
            if (count <= capacity) return;
            int size = n * stride(count);
            x = new double[size];
            h = new double[size];
            dx = new double[size];
            xt = new double[size];
            perps = new double[d * count];
            capacity = count;
        }
    }
}
