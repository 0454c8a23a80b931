package org.memsweep.engine.flow;

import org.memsweep.engine.InvalidParameterException;

/** Time stepping of the probability flow (science.md §4). */
public enum Solver {
    /** y ← y + (σ_{i+1} − σ_i)(y − h_{σ_i}(y))/σ_i. */
    EULER,
    /** EDM's second-order (Heun) correction: two denoiser evaluations per step. */
    HEUN;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Solver parse(String value) {
        for (Solver s : values()) if (s.key().equals(value)) return s;
        throw new InvalidParameterException("solver", value, "one of euler, heun");
    }
}
