package org.memsweep.engine.train;

import org.memsweep.engine.Choice;

/** How a trained min-norm network is fitted to its noisy samples (science.md §3.4). */
public enum TrainMethod implements Choice {
    /** Exact interpolation at least cost: augmented Lagrangian with summed residuals. */
    ALM,
    /** Σ_p ‖r_p‖² + λ C(θ): the paper's appendix variant (λ = 0.25), which does not interpolate exactly. */
    WEIGHT_DECAY;

    public static TrainMethod parse(String value) {
        return Choice.parse("method", TrainMethod.class, value);
    }
}
