package org.memsweep.engine.cell;

import org.memsweep.engine.Choice;
import org.memsweep.engine.InvalidParameterException;

/** The denoiser above σ_switch (science.md §3): parameter {@code high-noise}. */
public enum HighNoise implements Choice {
    /** The empirical MMSE denoiser of the training set. */
    MMSE,
    /** None: every level must lie at or below σ_switch. */
    NONE;

    /** The choice spelled {@code value} in the spec; {@code trained} is named but not built yet. */
    public static HighNoise parse(String value) {
        if ("trained".equals(value)) {
            throw new InvalidParameterException("high-noise", "trained",
                    "mmse or none: trained networks need a denoiser bank, which this version does not build yet");
        }
        return Choice.parse("high-noise", HighNoise.class, value);
    }
}
