package org.memsweep.engine.train;

import org.memsweep.engine.InvalidParameterException;

/** How a trained min-norm network is fitted to its noisy samples (science.md §3.4). */
public enum TrainMethod {
    /** Exact interpolation at least cost: augmented Lagrangian with summed residuals. */
    ALM("alm"),
    /** Σ_p ‖r_p‖² + λ C(θ): the paper's appendix variant (λ = 0.25), which does not interpolate exactly. */
    WEIGHT_DECAY("weight-decay");

    private final String key;

    TrainMethod(String key) {
        this.key = key;
    }

    /** The spec value, e.g. {@code weight-decay}. */
    public String key() {
        return key;
    }

    public static TrainMethod parse(String value) {
        for (TrainMethod m : values()) {
            if (m.key.equals(value)) return m;
        }
        throw new InvalidParameterException("method", value, "alm or weight-decay");
    }
}
