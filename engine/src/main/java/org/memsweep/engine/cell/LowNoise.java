package org.memsweep.engine.cell;

import org.memsweep.engine.Choice;

/** The denoiser at and below σ_switch (science.md §3): parameter {@code low-noise}. */
public enum LowNoise implements Choice {
    /** The closed-form min-norm ReLU denoiser with ρ = ασ (science.md §3.1). */
    CLOSED,
    /** The empirical MMSE denoiser of the training set. */
    MMSE,
    /**
     * A min-norm network trained at every level at and below σ_switch (§3.4), from the denoiser bank
     * (see {@link TrainedLevels}); the sweep hands such a cell its networks (see {@link Cell#build(CellParams, java.util.function.Function)}).
     */
    TRAINED;

    /** The choice spelled {@code value} in the spec. */
    public static LowNoise parse(String value) {
        return Choice.parse("low-noise", LowNoise.class, value);
    }
}
