package org.memsweep.engine.train;

import java.util.Arrays;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.data.TrainingSets;
import org.memsweep.engine.denoiser.ReluNetwork;
import org.memsweep.engine.rng.Rng;
import org.memsweep.engine.rng.Seeds;

/**
 * Trains the min-norm shallow ReLU denoiser h(y) = Σ_k a_k [w_k·y + b_k]₊ + V y + c for one noise
 * level (science.md §3.4): M noisy copies y_p of every training point, then Adam on either
 * <ul>
 * <li>the augmented Lagrangian C(θ) + Σ_p λ_p·r_p + (μ/2) Σ_p ‖r_p‖² with r_p = h(y_p) − x_p summed
 * (not averaged) over the samples, C = ½ Σ_k (‖a_k‖² + ‖w_k‖²); after each inner phase λ_p += μ r_p,
 * μ grows (up to a cap) and the step size decays (down to a floor); it stops after the first phase
 * whose network has max_p ‖r_p‖_∞ below the tolerance and whose cost Σ‖a_k‖‖w_k‖ changed by less
 * than the cost tolerance over the phase, or when the step budget is spent; or</li>
 * <li>the weight-decay objective Σ_p ‖r_p‖² + λ C(θ), in the same phases, with the same stopping rule.</li>
 * </ul>
 * Single-threaded and deterministic: weights and noise come from the settings' seed alone, and the
 * arithmetic order is fixed, so the same seed gives the same weights bit for bit.
 * <p>
 * Speed: each Adam step is one pass over the P = N·M samples in blocks of {@value #BLOCK}, with the
 * five products of the forward and backward pass written as row updates over the K units that the
 * JIT vectorises (the input product two units per pass, so each sample row is loaded once for both),
 * on arrays allocated once. V and c ride along as d + 1 extra "units" whose
 * activations are y and 1 (so they share the output-weight arithmetic), and units inactive on a
 * whole block are skipped in the output product (an exact saving: their activations are 0).
 */
public final class MinNormTrainer {
    /** Largest block of samples processed at once; blocks never straddle two training points. */
    static final int BLOCK = 128;
    private static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-10;
    /** Two factors of 2^1023: turn any activation &gt; 0 into ≥ 1, so min(·, 1) is the exact 0/1 mask. */
    private static final double HUGE = 0x1p1023;

    private final TrainSettings s;
    private final int d, k, kx, nBlocks;
    private final int[] blockStart, blockLen;
    private final double[][] y;                 // samples, P rows of d
    private final double[][][] yT, tT, lamT;    // per block: d rows of the block's samples, targets, multipliers
    private final double[] ones = new double[BLOCK];
    private final double[][] at, w;             // [Aᵀ | V | c]: d rows of kx; W: K rows of d
    private final double[] b;
    private final double[][] gAt, gW, mAt, vAt, mW, vW;
    private final double[] gB, mB, vB;
    // Block work. actT: unit rows over the block's samples (rows ≥ K point at yT and ones);
    // the rest is compact over the block's live units (index t ↔ unit live[t]).
    private final double[][] actT, outT, actC, atC, gAtC, dzC, gWC;
    private final double[] gBC;
    private final int[] live;
    private double mu, lr, pow1 = 1, pow2 = 1;
    private long steps;

    private MinNormTrainer(double[][] samples, double[][] targets, int copies, TrainSettings s, ReluNetwork warm,
                           double[] warmMultipliers, double warmPenalty) {
        this.s = s;
        this.d = targets[0].length;
        this.k = s.width();
        this.kx = k + d + 1;
        int points = samples.length / copies, perPoint = (copies + BLOCK - 1) / BLOCK;
        nBlocks = points * perPoint;
        blockStart = new int[nBlocks];
        blockLen = new int[nBlocks];
        for (int n = 0, bl = 0; n < points; n++) {
            for (int c = 0; c < perPoint; c++, bl++) {
                int from = copies * c / perPoint, to = copies * (c + 1) / perPoint;
                blockStart[bl] = n * copies + from;
                blockLen[bl] = to - from;
            }
        }
        y = samples;
        yT = new double[nBlocks][d][];
        tT = new double[nBlocks][d][];
        lamT = new double[nBlocks][d][];
        for (int bl = 0; bl < nBlocks; bl++) {
            for (int i = 0; i < d; i++) {
                yT[bl][i] = new double[blockLen[bl]];
                tT[bl][i] = new double[blockLen[bl]];
                lamT[bl][i] = new double[blockLen[bl]];
                for (int q = 0; q < blockLen[bl]; q++) {
                    yT[bl][i][q] = samples[blockStart[bl] + q][i];
                    tT[bl][i][q] = targets[blockStart[bl] + q][i];
                    if (warmMultipliers != null) lamT[bl][i][q] = warmMultipliers[(blockStart[bl] + q) * d + i];
                }
            }
        }
        Arrays.fill(ones, 1.0);
        at = new double[d][kx];
        w = new double[k][d];
        b = new double[k];
        gAt = new double[d][kx];
        mAt = new double[d][kx];
        vAt = new double[d][kx];
        gW = new double[k][d];
        mW = new double[k][d];
        vW = new double[k][d];
        gB = new double[k];
        mB = new double[k];
        vB = new double[k];
        actT = new double[kx][];
        for (int u = 0; u < k; u++) actT[u] = new double[BLOCK];
        outT = new double[d][BLOCK];
        actC = new double[BLOCK][kx];
        atC = new double[d][k];
        gAtC = new double[d][kx];
        dzC = new double[BLOCK][k];
        gWC = new double[d][k];
        gBC = new double[k];
        live = new int[kx];
        if (warm != null) initFrom(warm);
        else initRandom(new Rng(Seeds.derive(s.seed(), "train-init", 0)));
        // With the neighbour's multipliers the run resumes the neighbour's outer loop where it ended;
        // a network alone restarts the penalty (its multipliers are unknown).
        mu = warmMultipliers != null ? Math.max(s.penalty(), Math.min(warmPenalty, s.penaltyCap())) : s.penalty();
        // A warm start is already near a solution: a full first step size would throw it away.
        lr = warm == null ? s.learningRate() : s.minLearningRate();
    }

    /**
     * Trains a network on M = {@code settings.copies()} noisy copies of each point of {@code data}
     * at noise level {@code sigma} (see {@link TrainNoise}), from random weights or, when
     * {@code warmStart} is not null, from that network (e.g. the one of the neighbouring noise
     * level; it must have the settings' width and the data's dimension). A warm start begins at
     * the settings' min-learning-rate instead of learning-rate, and with zero multipliers and the
     * starting penalty: prefer {@link #trainWarm}, which also carries the multipliers.
     */
    public static TrainResult train(TrainingSet data, double sigma, TrainSettings settings, ReluNetwork warmStart) {
        return train(data, sigma, settings, warmStart, null, 0);
    }

    /**
     * Trains like {@link #train} from the result of a neighbouring noise level, multipliers included:
     * sample p of every level is x_n plus the same seeded direction scaled to σ (see
     * {@link TrainNoise}), so the neighbour's multiplier λ_p is a good start for sample p here, and
     * the run resumes the neighbour's penalty μ (capped by these settings). Without usable multipliers
     * (weight decay, or another number of samples, i.e. other M or N) it is
     * {@code train(data, sigma, settings, previous.network())}.
     */
    public static TrainResult trainWarm(TrainingSet data, double sigma, TrainSettings settings, TrainResult previous) {
        double[] lam = previous.multipliers();
        boolean fits = settings.method() == TrainMethod.ALM
                && lam.length == (long) data.size() * settings.copies() * data.dimension();
        return train(data, sigma, settings, previous.network(), fits ? lam : null, previous.penalty());
    }

    private static TrainResult train(TrainingSet data, double sigma, TrainSettings settings, ReluNetwork warmStart,
                                     double[] multipliers, double penalty) {
        InvalidParameterException.requirePositive("sigma", sigma);
        int n = data.size(), d = data.dimension(), m = settings.copies();
        if (warmStart != null && (warmStart.width() != settings.width() || warmStart.dimension() != d)) {
            throw new InvalidParameterException("warm start", "a network of width " + warmStart.width() + " in R^"
                    + warmStart.dimension(), "a network of width K = " + settings.width() + " in R^" + d);
        }
        if ((long) n * m > Integer.MAX_VALUE / Math.max(d, settings.width() + d + 1)) {
            throw new InvalidParameterException("copies", m, "N·M·(K + d) small enough for Java arrays");
        }
        double[][] targets = new double[n * m][];
        double[][] samples = new double[n * m][];
        noisyCopies(data, sigma, settings, samples, targets);
        // Adam's steps and the initialisation assume inputs of unit size; at σ√d > 1 the samples are
        // scaled down by that radius and the factor folded back into W and V afterwards.
        double scale = settings.scaleInputs() ? 1 / Math.max(1, sigma * Math.sqrt(d)) : 1;
        if (scale == 1) return new MinNormTrainer(samples, targets, m, settings, warmStart, multipliers, penalty).run();
        for (double[] sample : samples) for (int i = 0; i < d; i++) sample[i] *= scale;
        ReluNetwork warm = warmStart == null ? null : inputScaled(warmStart, 1 / scale);
        TrainResult r = new MinNormTrainer(samples, targets, m, settings, warm, multipliers, penalty).run();
        ReluNetwork net = inputScaled(r.network(), scale);
        return new TrainResult(net, net.cost(), r.maxResidual(), r.adamSteps(), r.seconds(), r.metTolerance(),
                r.multipliers(), r.penalty());
    }

    /**
     * The network y ↦ g(f·y) for g = {@code net}: input weights and V times f. Its residuals at the
     * samples are g's at the scaled samples up to rounding; its cost Σ‖a_k‖‖w_k‖ is f times g's.
     */
    static ReluNetwork inputScaled(ReluNetwork net, double f) {
        double[][] w = net.inputWeights(), v = net.skip();
        for (double[] row : w) for (int i = 0; i < row.length; i++) row[i] *= f;
        if (v != null) for (double[] row : v) for (int i = 0; i < row.length; i++) row[i] *= f;
        return new ReluNetwork(net.outputWeights(), w, net.biases(), v, net.offset());
    }

    /**
     * A speed measurement for the bench: {@code steps} Adam steps of the augmented Lagrangian (phases
     * of 100 steps) on the problem of {@code bench/peer_alm.py} — orthogonal data (apex + N−1 unit
     * edges) in R^d, M Gaussian copies per point at σ = 0.05, width K. The result's
     * {@link TrainResult#stepsPerSecond()} is the figure to compare; it never meets the tolerance early.
     */
    public static TrainResult benchmark(int d, int n, int m, int k, int steps) {
        TrainingSet data = TrainingSets.generate(new DatasetSpec(DatasetKind.ORTHOGONAL, n, d, 0, Norms.fixed(1), false), 1);
        TrainSettings settings = new TrainSettings(TrainMethod.ALM, k, m, TrainNoise.GAUSSIAN, Double.MIN_VALUE, Double.MIN_VALUE, 0.25,
                3e-3, 0.93, 1e-4, 100, 5, 1, 5, steps, 0L, true);
        return train(data, 0.05, settings, null);
    }

    /** Sample q = n·M + m is copy m of point n, so a block of samples mostly shares one point. */
    private static void noisyCopies(TrainingSet data, double sigma, TrainSettings s, double[][] samples, double[][] targets) {
        Rng rng = new Rng(Seeds.derive(s.seed(), "train-noise", 0));
        int d = data.dimension(), m = s.copies();
        double radius = sigma * Math.sqrt(d);
        for (int n = 0; n < data.size(); n++) {
            double[] x = data.copyOfPoint(n);
            for (int c = 0; c < m; c++) {
                double[] e = new double[d];
                double norm2 = 0;
                for (int i = 0; i < d; i++) {
                    e[i] = rng.nextGaussian();
                    norm2 += e[i] * e[i];
                }
                // Gaussian: σε. Ball: a uniform direction at radius ρ·U^(1/d), uniform in B(x, ρ). Sphere: radius ρ.
                double f = switch (s.noise()) {
                    case GAUSSIAN -> sigma;
                    case BALL -> radius * StrictMath.pow(rng.nextDouble(), 1.0 / d) / Math.sqrt(norm2);
                    case SPHERE -> radius / Math.sqrt(norm2);
                };
                for (int i = 0; i < d; i++) e[i] = x[i] + f * e[i];
                samples[n * m + c] = e;
                targets[n * m + c] = x;
            }
        }
    }

    /** The peer's initialisation, for data of unit scale: w ~ N(0, I/d), b ~ N(0, ¼), a ~ N(0, 0.01 I), V = 0, c = 0. */
    private void initRandom(Rng rng) {
        double ws = 1 / Math.sqrt(d);
        for (int u = 0; u < k; u++) {
            for (int i = 0; i < d; i++) w[u][i] = ws * rng.nextGaussian();
            b[u] = 0.5 * rng.nextGaussian();
            for (int j = 0; j < d; j++) at[j][u] = 0.1 * rng.nextGaussian();
        }
    }

    private void initFrom(ReluNetwork net) {
        double[][] a = net.outputWeights(), v = net.skip();
        double[] c = net.offset();
        double[][] wi = net.inputWeights();
        System.arraycopy(net.biases(), 0, b, 0, k);
        for (int u = 0; u < k; u++) {
            System.arraycopy(wi[u], 0, w[u], 0, d);
            for (int j = 0; j < d; j++) at[j][u] = a[u][j];
        }
        for (int j = 0; j < d; j++) {
            if (v != null) System.arraycopy(v[j], 0, at[j], k, d);
            at[j][k + d] = c[j];
        }
    }

    private TrainResult run() {
        long t0 = System.nanoTime();
        double residual, cost = cost();
        while (true) {
            int phase = (int) Math.min(s.phaseSteps(), s.maxSteps() - steps);
            for (int t = 0; t < phase; t++) step();
            // The multipliers get μ r at the phase's network, in the same pass that measures r.
            residual = pass(false, s.method() == TrainMethod.ALM);
            double before = cost;
            cost = cost();
            // Feasible is not enough: the first feasible network of a run is usually not yet the cheapest.
            if (residual < s.tolerance() && Math.abs(cost - before) < s.costTolerance() * cost) break;
            if (steps >= s.maxSteps()) break;
            mu = Math.min(mu * s.penaltyGrowth(), s.penaltyCap());
            lr = Math.max(lr * s.learningRateDecay(), s.minLearningRate());
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        ReluNetwork net = network();
        double[] lam = new double[0];
        if (s.method() == TrainMethod.ALM) {
            lam = new double[y.length * d];
            for (int bl = 0; bl < nBlocks; bl++) {
                for (int i = 0; i < d; i++) {
                    for (int q = 0; q < blockLen[bl]; q++) lam[(blockStart[bl] + q) * d + i] = lamT[bl][i][q];
                }
            }
        }
        return new TrainResult(net, net.cost(), residual, steps, seconds, residual < s.tolerance(), lam, mu);
    }

    /** Σ_k ‖a_k‖‖w_k‖ of the current weights. */
    private double cost() {
        double sum = 0;
        for (int u = 0; u < k; u++) {
            double na = 0, nw = 0;
            for (int j = 0; j < d; j++) na += at[j][u] * at[j][u];
            for (int i = 0; i < d; i++) nw += w[u][i] * w[u][i];
            sum += Math.sqrt(na) * Math.sqrt(nw);
        }
        return sum;
    }

    /** One Adam step on the whole objective. */
    private void step() {
        for (double[] r : gAt) Arrays.fill(r, 0.0);
        for (double[] r : gW) Arrays.fill(r, 0.0);
        Arrays.fill(gB, 0.0);
        pass(true, false);
        // The regulariser's gradient: C = ½Σ(‖a_k‖² + ‖w_k‖²) (λC for weight decay); V, c, b are free.
        double decay = s.method() == TrainMethod.ALM ? 1.0 : s.weightDecay();
        for (int j = 0; j < d; j++) {
            double[] g = gAt[j], a = at[j];
            for (int u = 0; u < k; u++) g[u] += decay * a[u];
        }
        for (int u = 0; u < k; u++) {
            double[] g = gW[u], x = w[u];
            for (int i = 0; i < d; i++) g[i] += decay * x[i];
        }
        steps++;
        pow1 *= BETA1;
        pow2 *= BETA2;
        double c1 = lr / (1 - pow1), c2 = 1 / (1 - pow2);
        for (int j = 0; j < d; j++) adam(at[j], gAt[j], mAt[j], vAt[j], c1, c2);
        for (int u = 0; u < k; u++) adam(w[u], gW[u], mW[u], vW[u], c1, c2);
        adam(b, gB, mB, vB, c1, c2);
    }

    private static void adam(double[] x, double[] g, double[] m, double[] v, double c1, double c2) {
        for (int i = 0; i < x.length; i++) {
            double gi = g[i];
            double mi = BETA1 * m[i] + (1 - BETA1) * gi;
            double vi = BETA2 * v[i] + (1 - BETA2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            x[i] -= c1 * mi / (Math.sqrt(vi * c2) + EPS);
        }
    }

    /**
     * One pass over all samples; returns max_p ‖r_p‖_∞. With {@code gradients}, accumulates the data
     * term's gradient into gAt, gW, gB; with {@code updateMultipliers}, does λ += μ r.
     */
    private double pass(boolean gradients, boolean updateMultipliers) {
        double maxAbs = 0;
        boolean alm = s.method() == TrainMethod.ALM;
        for (int bl = 0; bl < nBlocks; bl++) {
            int nb = blockLen[bl];
            int nLive = forward(bl, nb), nLiveK = nLive - (d + 1);
            output(nb, nLive);
            // outT becomes G = ∂/∂h of the data term: λ + μ r (ALM) or 2 r (weight decay).
            for (int j = 0; j < d; j++) {
                double[] o = outT[j], t = tT[bl][j], lam = lamT[bl][j];
                for (int q = 0; q < nb; q++) {
                    double r = o[q] - t[q];
                    maxAbs = Math.max(maxAbs, Math.abs(r));
                    if (updateMultipliers) lam[q] += mu * r;
                    o[q] = alm ? lam[q] + mu * r : 2 * r;
                }
            }
            if (gradients) backward(bl, nb, nLive, nLiveK);
        }
        return maxAbs;
    }

    /**
     * actT[u] = [w_u·y_q + b_u]₊ over the block's samples q; rows K … K+d point at the samples'
     * coordinates and the last at ones. Returns how many units are live (active on some sample of
     * the block), listed in {@code live}, the always-live d + 1 extra rows last.
     */
    private int forward(int bl, int nb) {
        double[][] ys = yT[bl];
        int n = 0;
        int u = 0;
        for (; u + 1 < k; u += 2) {
            // Two units per pass: each sample row loaded once feeds both (loads, not arithmetic, bound acc4).
            double[] z0 = actT[u], z1 = actT[u + 1], w0 = w[u], w1 = w[u + 1];
            Arrays.fill(z0, 0, nb, b[u]);
            Arrays.fill(z1, 0, nb, b[u + 1]);
            int i = 0;
            for (; i + 3 < d; i += 4) {
                acc4x2(z0, z1, nb, ys[i], ys[i + 1], ys[i + 2], ys[i + 3], w0[i], w0[i + 1], w0[i + 2], w0[i + 3],
                        w1[i], w1[i + 1], w1[i + 2], w1[i + 3]);
            }
            for (; i < d; i++) {
                acc1(z0, nb, ys[i], w0[i]);
                acc1(z1, nb, ys[i], w1[i]);
            }
            if (relu(z0, nb)) live[n++] = u;
            if (relu(z1, nb)) live[n++] = u + 1;
        }
        for (; u < k; u++) {
            double[] z = actT[u], wu = w[u];
            Arrays.fill(z, 0, nb, b[u]);
            for (int i = 0; i < d; i++) acc1(z, nb, ys[i], wu[i]);
            if (relu(z, nb)) live[n++] = u;
        }
        for (int i = 0; i < d; i++) {
            actT[k + i] = ys[i];
            live[n++] = k + i;
        }
        actT[k + d] = ones;
        live[n++] = k + d;
        return n;
    }

    /** outT[j] = Σ_t at[j][live t] · actT[live t]: h(y_q) over the block, one row per output coordinate. */
    private void output(int nb, int nLive) {
        // Unit groups outside, coordinates inside: four unit rows and all of outT stay in L1.
        for (int j = 0; j < d; j++) Arrays.fill(outT[j], 0, nb, 0.0);
        int t = 0;
        for (; t + 3 < nLive; t += 4) {
            int u0 = live[t], u1 = live[t + 1], u2 = live[t + 2], u3 = live[t + 3];
            double[] r0 = actT[u0], r1 = actT[u1], r2 = actT[u2], r3 = actT[u3];
            for (int j = 0; j < d; j++) {
                double[] a = at[j];
                acc4(outT[j], nb, r0, a[u0], r1, a[u1], r2, a[u2], r3, a[u3]);
            }
        }
        for (; t < nLive; t++) for (int j = 0; j < d; j++) acc1(outT[j], nb, actT[live[t]], at[j][live[t]]);
    }

    /** Accumulates the block's gradient, with outT holding G; works on the live units only. */
    private void backward(int bl, int nb, int nLive, int nLiveK) {
        for (int q = 0; q < nb; q++) {
            double[] row = actC[q];
            for (int t = 0; t < nLive; t++) row[t] = actT[live[t]][q];
        }
        // ∂/∂[Aᵀ|V|c]: gAt[j] += Σ_q G[j][q] act[q]
        // (sample groups outside: four sample rows stay in L1 while the d accumulators stream)
        for (int j = 0; j < d; j++) Arrays.fill(gAtC[j], 0, nLive, 0.0);
        int q0 = 0;
        for (; q0 + 3 < nb; q0 += 4) {
            double[] c0 = actC[q0], c1 = actC[q0 + 1], c2 = actC[q0 + 2], c3 = actC[q0 + 3];
            for (int j = 0; j < d; j++) {
                double[] o = outT[j];
                acc4(gAtC[j], nLive, c0, o[q0], c1, o[q0 + 1], c2, o[q0 + 2], c3, o[q0 + 3]);
            }
        }
        for (; q0 < nb; q0++) for (int j = 0; j < d; j++) acc1(gAtC[j], nLive, actC[q0], outT[j][q0]);
        for (int j = 0; j < d; j++) {
            double[] g = gAtC[j], full = gAt[j], a = at[j], ac = atC[j];
            for (int t = 0; t < nLive; t++) full[live[t]] += g[t];
            for (int t = 0; t < nLiveK; t++) ac[t] = a[live[t]];
        }
        // ∂/∂z: dz[q] = 1[z > 0] ⊙ Σ_j G[j][q] a_·j
        for (int q = 0; q < nb; q++) {
            double[] z = dzC[q], ar = actC[q];
            Arrays.fill(z, 0, nLiveK, 0.0);
            int j = 0;
            for (; j + 3 < d; j += 4) {
                acc4(z, nLiveK, atC[j], outT[j][q], atC[j + 1], outT[j + 1][q], atC[j + 2], outT[j + 2][q], atC[j + 3], outT[j + 3][q]);
            }
            for (; j < d; j++) acc1(z, nLiveK, atC[j], outT[j][q]);
            for (int t = 0; t < nLiveK; t++) z[t] *= Math.min(ar[t] * HUGE * HUGE, 1.0);
        }
        // ∂/∂W: gW[u][i] += Σ_q y_q[i] dz[q][u]; ∂/∂b: gB[u] += Σ_q dz[q][u]
        int p0 = blockStart[bl];
        for (int i = 0; i < d; i++) Arrays.fill(gWC[i], 0, nLiveK, 0.0);
        Arrays.fill(gBC, 0, nLiveK, 0.0);
        int q = 0;
        for (; q + 3 < nb; q += 4) {
            double[] z0 = dzC[q], z1 = dzC[q + 1], z2 = dzC[q + 2], z3 = dzC[q + 3];
            double[] y0 = y[p0 + q], y1 = y[p0 + q + 1], y2 = y[p0 + q + 2], y3 = y[p0 + q + 3];
            for (int i = 0; i < d; i++) acc4(gWC[i], nLiveK, z0, y0[i], z1, y1[i], z2, y2[i], z3, y3[i]);
            acc4(gBC, nLiveK, z0, 1, z1, 1, z2, 1, z3, 1);
        }
        for (; q < nb; q++) {
            for (int i = 0; i < d; i++) acc1(gWC[i], nLiveK, dzC[q], y[p0 + q][i]);
            acc1(gBC, nLiveK, dzC[q], 1);
        }
        for (int t = 0; t < nLiveK; t++) {
            int u = live[t];
            double[] g = gW[u];
            for (int i = 0; i < d; i++) g[i] += gWC[i][t];
            gB[u] += gBC[t];
        }
    }

    /**
     * c[x] += a0·s0[x] + a1·s1[x] + a2·s2[x] + a3·s3[x] for x &lt; n: one load and store of c per four
     * rows. Separate, zero-based rows: C2 (JDK 17) vectorises this form and not offset-indexed ones.
     */
    private static void acc4(double[] c, int n, double[] s0, double a0, double[] s1, double a1, double[] s2, double a2,
                             double[] s3, double a3) {
        for (int x = 0; x < n; x++) c[x] += a0 * s0[x] + a1 * s1[x] + a2 * s2[x] + a3 * s3[x];
    }

    /** c0[x] += Σ_r a0r·s_r[x] and c1[x] += Σ_r a1r·s_r[x] (r = 0…3) for x &lt; n: each s_r[x] loaded once for both. */
    private static void acc4x2(double[] c0, double[] c1, int n, double[] s0, double[] s1, double[] s2, double[] s3,
                               double a00, double a01, double a02, double a03, double a10, double a11, double a12, double a13) {
        for (int x = 0; x < n; x++) {
            double v0 = s0[x], v1 = s1[x], v2 = s2[x], v3 = s3[x];
            c0[x] += a00 * v0 + a01 * v1 + a02 * v2 + a03 * v3;
            c1[x] += a10 * v0 + a11 * v1 + a12 * v2 + a13 * v3;
        }
    }

    /** z = max(z, 0) on the first n entries; whether any stayed positive (the unit is live). */
    private static boolean relu(double[] z, int n) {
        for (int q = 0; q < n; q++) z[q] = Math.max(z[q], 0.0);
        int q = 0;
        while (q < n && z[q] == 0.0) q++; // a live unit usually stops this scan early
        return q < n;
    }

    /** c[x] += a·s[x] for x &lt; n. */
    private static void acc1(double[] c, int n, double[] src, double a) {
        for (int x = 0; x < n; x++) c[x] += a * src[x];
    }

    private ReluNetwork network() {
        double[][] a = new double[k][d], v = new double[d][];
        double[] c = new double[d];
        for (int u = 0; u < k; u++) for (int j = 0; j < d; j++) a[u][j] = at[j][u];
        for (int j = 0; j < d; j++) {
            v[j] = Arrays.copyOfRange(at[j], k, k + d);
            c[j] = at[j][k + d];
        }
        return new ReluNetwork(a, w, b, v, c);
    }
}
