package org.memsweep.engine.cell;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.flow.KarrasSchedule;

/**
 * The rules for the "auto" parameters (science.md §4.1), applied once per cell: α = √d; the
 * probability flow's σ_switch = the largest schedule level below 0.95 σ_valid; the score flow's
 * σ = σ_valid/2; the start scale s = σ_max. Only a cell's own flow resolves its autos: the other
 * flow's do not apply to it (they are recorded as null, see {@link Param#appliesTo}).
 */
final class AutoParams {
    private AutoParams() {}

    /** α: given, or √d (science.md §3.1: ρ = ασ). */
    static double alpha(CellParams given) {
        return Double.isNaN(given.alpha()) ? Math.sqrt(given.d()) : given.alpha();
    }

    /**
     * The resolved parameters: every auto replaced by its value, the norms in their canonical text,
     * the frame canonical (without a rotation the construction frame is the ambient frame: both
     * values name the same classification, recorded as {@code data} so that they do not split
     * cells) and every parameter the cell does not use at its default.
     *
     * @param sigmaValid the low-noise denoiser's validity limit σ_valid (infinite when it has none)
     * @param rotated    whether the generated data set carries a rotation
     */
    static CellParams resolve(CellParams g, DatasetSpec data, KarrasSchedule schedule, double sigmaValid, boolean rotated) {
        double sigmaSwitch = g.sigmaSwitch(), sigma = g.sigma();
        switch (g.flow()) {
            case PROBABILITY -> {
                if (Double.isNaN(sigmaSwitch)) sigmaSwitch = defaultSwitch(schedule, sigmaValid);
            }
            case SCORE -> {
                if (Double.isNaN(sigma)) {
                    if (!Double.isFinite(sigmaValid)) {
                        throw new InvalidParameterException("sigma", "auto", "an explicit σ > 0 for a score flow whose "
                                + "low-noise denoiser (" + g.lowNoise().key() + ") has no validity limit to take half of");
                    }
                    sigma = sigmaValid / 2;
                }
            }
        }
        double startScale = Double.isNaN(g.startScale()) ? schedule.sigmaMax() : g.startScale();
        return new CellParams(g.dataset(), g.n(), g.d(), g.kappa(), data.norms().toString(), g.rotation(), alpha(g),
                g.flow(), g.solver(), g.sigmaMax(), g.sigmaMin(), g.steps(), g.karrasRho(), g.eta(), sigma, g.tol(),
                g.maxSteps(), g.startMean(), startScale, g.highNoise(), g.lowNoise(), sigmaSwitch, g.tau(),
                rotated ? g.frame() : Frame.DATA, g.seed(), g.train(), g.allowUntolerated()).withUnusedAtDefaults();
    }

    /** The largest level below 0.95 σ_valid; infinite when the low-noise denoiser has no limit. */
    static double defaultSwitch(KarrasSchedule schedule, double sigmaValid) {
        if (!Double.isFinite(sigmaValid)) return Double.POSITIVE_INFINITY;
        double limit = 0.95 * sigmaValid;
        for (double s : schedule.sigmas()) if (s < limit) return s;
        throw new InvalidParameterException("sigma-min", schedule.sigmaMin(), "σ_min < 0.95 σ_valid = " + limit
                + " so that some levels use the low-noise closed form (or choose low-noise = mmse)");
    }
}
