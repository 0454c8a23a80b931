package org.memsweep.engine.rng;

import org.memsweep.engine.numeric.Log;

/**
 * A small, fully specified pseudo-random generator: xoshiro256** (Blackman and Vigna) seeded by
 * SplitMix64, with normals from Marsaglia's polar method. Everything is written out here (and the
 * logarithm is {@link Log#log}, StrictMath.log's bits computed in Java) so the same seed gives the same
 * bits on every JVM, JIT or not — the sweep's bit-for-bit determinism rests on it. Not thread-safe; one per trajectory.
 */
public final class Rng {
    private long s0, s1, s2, s3;
    private double spare, pairU, pairV; // pairU, pairV: drawPair's result
    private boolean hasSpare;
    // nextGaussians' q = u² + v² of each pair and their logarithms, computed a vector at a time; the entries
    // past the pairs hold 0.5 so that the logs run in whole vectors (their results are not used)
    private double[] qs = new double[0], logs = new double[0];
    /** Pairs from which nextGaussians takes its logs a vector at a time (d ≥ 128). */
    static final int VECTOR_LOGS = 64;

    public Rng(long seed) {
        reseed(seed);
    }

    /** Restarts this generator as {@code new Rng(seed)} would be: the same numbers, no allocation. */
    public void reseed(long seed) {
        hasSpare = false;
        spare = 0;
        long x = seed;
        s0 = Seeds.mix64(x += Seeds.GOLDEN);
        s1 = Seeds.mix64(x += Seeds.GOLDEN);
        s2 = Seeds.mix64(x += Seeds.GOLDEN);
        s3 = Seeds.mix64(x + Seeds.GOLDEN);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform on [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * The next n standard normals into out[off … off+n): exactly what n calls of {@link #nextGaussian} return,
     * and the same state afterwards. First the pairs (u, v, s) are drawn, then their logs (from
     * {@link #VECTOR_LOGS} pairs on a vector at a time, {@link Log#log(double[], double[], int)}, the same bits),
     * then the factors √(−2 log s / s). No allocation once warm: the generator keeps its scratch (grown on the
     * first call for the largest n), and the vector logs allocate only until the JIT has compiled them.
     */
    public void nextGaussians(double[] out, int off, int n) {
        if (n <= 0) return;
        if (hasSpare) {
            hasSpare = false;
            out[off++] = spare;
            n--;
        }
        int pairs = (n + 1) / 2, whole = n / 2;
        int padded = (pairs + 7) / 8 * 8; // whole vectors of logs (8 doubles cover every vector shape up to 512 bits)
        if (qs.length < padded) { // once for the largest n (a generator serves starts of one d)
            qs = new double[padded];
            logs = new double[padded];
            java.util.Arrays.fill(qs, 0.5); // padding: any argument of the vector path
        }
        double[] s = qs;
        // Whole pairs without a branch on the rejection (a fifth of the draws, unpredictable): every draw is
        // written at the next free pair, which moves on only if the draw is accepted. The same draws, so the
        // same pairs, as the loop below.
        for (int p = 0; p < whole; ) {
            double u = 2.0 * nextDouble() - 1.0;
            double v = 2.0 * nextDouble() - 1.0;
            double q = u * u + v * v;
            s[p] = q;
            out[off + 2 * p] = u;
            out[off + 2 * p + 1] = v;
            p += accepted(q);
        }
        if (whole < pairs) { // n odd: the last pair's v becomes the spare, as nextGaussian keeps it
            s[whole] = drawPair();
            out[off + 2 * whole] = pairU;
            spare = pairV;
        }
        // Vectors only for long blocks (large d, where the logs are a fifth of a start's cost): the Vector API
        // allocates until the JIT has compiled it, and for a few dozen pairs the vector path gains nothing measurable.
        if (pairs >= VECTOR_LOGS) {
            double[] m = logs;
            Log.log(s, m, padded);
            // The factors in a loop of their own, which the JIT vectorises (square roots and divisions a vector
            // at a time: the scale cell 12–25 % faster), then the products; the same operations. Below 64 pairs
            // the fused scalar loop stays: the same split there measured ~2 % slower on (a).
            for (int p = 0; p < pairs; p++) m[p] = Math.sqrt(-2.0 * m[p] / s[p]);
            for (int p = 0; p < whole; p++) {
                out[off + 2 * p] *= m[p];
                out[off + 2 * p + 1] *= m[p];
            }
            if (whole < pairs) {
                out[off + 2 * whole] *= m[whole];
                spare *= m[whole];
                hasSpare = true;
            }
            return;
        }
        for (int p = 0; p < pairs; p++) {
            double m = Math.sqrt(-2.0 * Log.log(s[p]) / s[p]);
            out[off + 2 * p] *= m;
            if (2 * p + 1 < n) out[off + 2 * p + 1] *= m;
            else {
                spare *= m;
                hasSpare = true;
            }
        }
    }

    /** The polar method's accepted pair: (pairU, pairV) uniform in the unit disc without 0; returns q = pairU² + pairV². */
    private double drawPair() {
        double u, v, q;
        do {
            u = 2.0 * nextDouble() - 1.0;
            v = 2.0 * nextDouble() - 1.0;
            q = u * u + v * v;
        } while (q >= 1.0 || q == 0.0);
        pairU = u;
        pairV = v;
        return q;
    }

    /**
     * 1 if 0 &lt; q &lt; 1 (the polar method keeps the pair), else 0, for q = u² + v² (never −0 or NaN), from the
     * sign bits of q − 1 (negative exactly when q &lt; 1) and of bits(q) + Long.MAX_VALUE (negative exactly when
     * q ≠ +0): integer operations, no branch.
     */
    static int accepted(double q) {
        long below1 = Double.doubleToRawLongBits(q - 1.0) >>> 63;
        long nonZero = (Double.doubleToRawLongBits(q) + Long.MAX_VALUE) >>> 63;
        return (int) (below1 & nonZero);
    }

    /** A standard normal deviate (polar method; the second deviate of each pair is kept). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double s = drawPair();
        double m = Math.sqrt(-2.0 * Log.log(s) / s);
        spare = pairV * m;
        hasSpare = true;
        return pairU * m;
    }
}
