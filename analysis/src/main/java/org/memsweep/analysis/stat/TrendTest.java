package org.memsweep.analysis.stat;

import java.util.List;

import org.memsweep.engine.stat.Normal;

/**
 * The Cochran–Armitage test for a trend in proportions over ordered groups (here: the memorized
 * fraction over training-set sizes N), with one-sided p-values for a falling and a rising trend.
 *
 * <p>With groups i of t_i trials, r_i successes and scores x_i, pooled proportion p̄ = Σr/Σt and
 * x̄ = Σ t_i x_i / Σt: Z = Σ r_i (x_i − x̄) / √(p̄(1−p̄) Σ t_i (x_i − x̄)²). Z &lt; 0 means the
 * proportion falls as the score grows; p_falling = Φ(Z), p_rising = Φ(−Z).
 *
 * <p>When there is nothing to test (no trials, a single score, or every trial a success or every
 * one a failure, so the variance is 0) the result is {@code testable = false} with Z = 0 and both
 * p-values 1: no evidence either way, rather than a NaN.
 *
 * @param z               the standardized trend statistic
 * @param pFalling        one-sided p-value against "no trend" in favour of a falling proportion
 * @param pRising         one-sided p-value in favour of a rising proportion
 * @param fracAtSmallest  pooled proportion of the groups at the smallest N (NaN without trials)
 * @param fracAtLargest   pooled proportion of the groups at the largest N (NaN without trials)
 * @param testable        false when the statistic is undefined (see above)
 */
public record TrendTest(double z, double pFalling, double pRising,
                        double fracAtSmallest, double fracAtLargest, boolean testable) {

    /** One ordered group: the training-set size, its successes and its trials. */
    public record Group(double n, long successes, long trials) {
        public Group {
            if (trials < 0 || successes < 0 || successes > trials) {
                throw new IllegalArgumentException(
                        "need 0 <= successes <= trials, got " + successes + " of " + trials);
            }
        }
    }

    /**
     * How a group's N becomes its score. The default is {@link #LOG}: sweeps space N geometrically
     * (4, 8, 16, …) and the claim is about growth by factors, so each doubling should weigh the
     * same; with {@link #LINEAR} scores the largest N alone would carry most of the leverage.
     */
    public enum Scores {
        LOG, LINEAR;

        double score(double n) {
            if (this == LINEAR) {
                return n;
            }
            if (!(n > 0)) {
                throw new IllegalArgumentException("log scores need N > 0, got " + n);
            }
            return Math.log(n);
        }
    }

    /** The test with log-N scores. */
    public static TrendTest of(List<Group> groups) {
        return of(groups, Scores.LOG);
    }

    /** The test with the given scores; groups may come in any order and may repeat an N. */
    public static TrendTest of(List<Group> groups, Scores scores) {
        long trials = 0;
        long successes = 0;
        double weightedScore = 0;
        double minN = Double.POSITIVE_INFINITY;
        double maxN = Double.NEGATIVE_INFINITY;
        for (Group g : groups) {
            if (g.trials() == 0) {
                continue; // carries no information and must not decide the smallest/largest N
            }
            trials += g.trials();
            successes += g.successes();
            weightedScore += g.trials() * scores.score(g.n());
            minN = Math.min(minN, g.n());
            maxN = Math.max(maxN, g.n());
        }
        if (trials == 0) {
            return new TrendTest(0.0, 1.0, 1.0, Double.NaN, Double.NaN, false);
        }
        double meanScore = weightedScore / trials;
        double pooled = (double) successes / trials;
        double numerator = 0;
        double spread = 0;
        long rMin = 0, tMin = 0, rMax = 0, tMax = 0;
        for (Group g : groups) {
            if (g.trials() == 0) {
                continue;
            }
            double dev = scores.score(g.n()) - meanScore;
            numerator += g.successes() * dev;
            spread += g.trials() * dev * dev;
            if (g.n() == minN) {
                rMin += g.successes();
                tMin += g.trials();
            }
            if (g.n() == maxN) {
                rMax += g.successes();
                tMax += g.trials();
            }
        }
        double fracMin = (double) rMin / tMin;
        double fracMax = (double) rMax / tMax;
        double variance = pooled * (1 - pooled) * spread;
        if (!(variance > 0)) {
            return new TrendTest(0.0, 1.0, 1.0, fracMin, fracMax, false);
        }
        double z = numerator / Math.sqrt(variance);
        return new TrendTest(z, Normal.cdf(z), Normal.sf(z), fracMin, fracMax, true);
    }
}
