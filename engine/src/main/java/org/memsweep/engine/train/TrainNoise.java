package org.memsweep.engine.train;

import org.memsweep.engine.Choice;

/** Where the M noisy training copies of each point come from (science.md §1 and §3.4). */
public enum TrainNoise implements Choice {
    /** y = x_n + σ ε with ε standard normal: the training data at noise level σ. */
    GAUSSIAN,
    /**
     * y uniform in the ball B(x_n, ρ) with ρ = σ√d, the low-noise constraint set at the default
     * α = √d (the radius the Gaussian noise norm concentrates at). Used to compare with the closed forms.
     */
    BALL,
    /**
     * y uniform on the sphere ‖y − x_n‖ = ρ, ρ = σ√d: the boundary of the same ball. A ramp's
     * min-norm fit is set by the samples with the largest projections, which all lie on the sphere;
     * uniform-in-ball samples leave the support function short by an amount that varies with the
     * direction, which tilts the ramps (see MinNormTrainerTest).
     */
    SPHERE;

    public static TrainNoise parse(String value) {
        return Choice.parse("noise", TrainNoise.class, value);
    }
}
