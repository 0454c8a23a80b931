package org.memsweep.engine.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.memsweep.engine.TestSupport.assertInvalid;

import org.junit.jupiter.api.Test;

class HighNoiseTest {
    @Test
    void parsesItsChoicesAndNamesTrainedAsNotBuiltYet() {
        assertEquals(HighNoise.MMSE, HighNoise.parse("mmse"));
        assertEquals(HighNoise.NONE, HighNoise.parse("none"));
        assertInvalid("high-noise", "trained", () -> HighNoise.parse("trained"), "denoiser bank");
        assertInvalid("high-noise", "closed", () -> HighNoise.parse("closed"), "one of mmse, none");
    }
}
