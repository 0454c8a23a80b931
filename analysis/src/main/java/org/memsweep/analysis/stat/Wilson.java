package org.memsweep.analysis.stat;

/**
 * The 95 % Wilson score interval for a binomial proportion: k successes in n trials.
 *
 * <p>Chosen over the Wald interval because cells often sit at 0 % or 100 % (a Wald interval would
 * collapse to a point there) and over Clopper–Pearson because it is not needlessly wide.
 *
 * <p>With {@code n = 0} there is nothing to estimate: the estimate and both bounds are NaN.
 *
 * @param estimate k / n
 * @param lo       lower bound, exactly 0 when k = 0
 * @param hi       upper bound, exactly 1 when k = n
 */
public record Wilson(double estimate, double lo, double hi) {

    /** Two-sided 95 % standard normal quantile, Φ⁻¹(0.975). */
    public static final double Z95 = 1.959963984540054;

    /** The 95 % interval for k successes in n trials (0 ≤ k ≤ n). */
    public static Wilson of(long k, long n) {
        return of(k, n, Z95);
    }

    /** The interval at normal quantile z (e.g. 2.5758 for 99 %). */
    public static Wilson of(long k, long n, double z) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + ", n=" + n);
        }
        if (n == 0) {
            return new Wilson(Double.NaN, Double.NaN, Double.NaN);
        }
        double nn = n;
        double p = k / nn;
        double z2n = z * z / nn;
        double center = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / nn + z2n / (4 * nn));
        // At k = 0 (k = n) the bound is 0 (1) analytically; pin it so rounding cannot leave 1e-17
        // outside [0, 1] or a visible gap in a plot.
        double lo = k == 0 ? 0.0 : Math.max(0.0, center - half);
        double hi = k == n ? 1.0 : Math.min(1.0, center + half);
        return new Wilson(p, lo, hi);
    }
}
