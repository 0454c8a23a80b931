package org.memsweep.engine.flow;

import org.memsweep.engine.InvalidParameterException;

/**
 * The Karras (EDM) noise schedule of science.md §4:
 * σ_i = (σ_max^{1/ϱ} + i/(K−1) (σ_min^{1/ϱ} − σ_max^{1/ϱ}))^ϱ, i = 0 … K−1, with the end points set
 * exactly to σ_max and σ_min. {@link StrictMath} keeps the levels identical on every JVM.
 */
public record KarrasSchedule(double sigmaMax, double sigmaMin, int levels, double rho) {
    public KarrasSchedule {
        InvalidParameterException.requirePositive("sigma-min", sigmaMin);
        InvalidParameterException.requirePositive("sigma-max", sigmaMax);
        if (!(sigmaMin < sigmaMax)) {
            throw new InvalidParameterException("sigma-min", sigmaMin,
                    "σ_min < σ_max = " + sigmaMax + " (the flow runs from σ_max down to σ_min)");
        }
        if (levels < 2) throw new InvalidParameterException("steps", levels, "an integer K ≥ 2 (the number of noise levels)");
        InvalidParameterException.requirePositive("karras-rho", rho);
    }

    /** The K levels, decreasing. */
    public double[] sigmas() {
        double[] s = new double[levels];
        double a = StrictMath.pow(sigmaMax, 1 / rho), b = StrictMath.pow(sigmaMin, 1 / rho);
        for (int i = 0; i < levels; i++) s[i] = StrictMath.pow(a + (double) i / (levels - 1) * (b - a), rho);
        s[0] = sigmaMax;
        s[levels - 1] = sigmaMin;
        return s;
    }
}
