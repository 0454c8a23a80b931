package org.memsweep.engine.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.memsweep.engine.TestSupport.assertInvalid;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HighNoiseTest {
    @Test
    void parsesItsChoicesAndACellRefusesTrainedNamingTheBank() {
        assertEquals(HighNoise.MMSE, HighNoise.parse("mmse"));
        assertEquals(HighNoise.NONE, HighNoise.parse("none"));
        assertEquals(HighNoise.TRAINED, HighNoise.parse("trained"));
        assertInvalid("high-noise", "closed", () -> HighNoise.parse("closed"), "one of mmse, none, trained");
        // The spec accepts it (memsweep bank reads such specs); a sweep's cell cannot run it yet.
        assertInvalid("high-noise", "trained", () -> Cell.build(CellParams.fromMap(Map.of("high-noise", "trained"))), "denoiser bank");
        assertInvalid("low-noise", "trained", () -> Cell.build(CellParams.fromMap(Map.of("low-noise", "trained"))), "denoiser bank");
    }
}
