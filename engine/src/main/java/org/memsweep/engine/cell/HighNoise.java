package org.memsweep.engine.cell;

import org.memsweep.engine.Choice;

/** The denoiser above σ_switch (science.md §3): parameter {@code high-noise}. */
public enum HighNoise implements Choice {
    /** The empirical MMSE denoiser of the training set. */
    MMSE,
    /** None: every level must lie at or below σ_switch. */
    NONE,
    /**
     * A min-norm network trained at each level above σ_switch (§3.4), taken from the denoiser bank
     * ({@code memsweep bank} builds it; see {@link TrainedLevels}); such a cell is built with
     * {@link Cell#build(CellParams, java.util.function.Function)}, the sweep handing it the networks.
     */
    TRAINED;

    /** The choice spelled {@code value} in the spec. */
    public static HighNoise parse(String value) {
        return Choice.parse("high-noise", HighNoise.class, value);
    }
}
