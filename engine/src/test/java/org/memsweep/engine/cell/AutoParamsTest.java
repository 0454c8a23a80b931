package org.memsweep.engine.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.flow.KarrasSchedule;

class AutoParamsTest {
    private static CellParams resolve(Map<String, ?> given, double sigmaValid, boolean rotated) {
        CellParams g = CellParams.fromMap(given);
        DatasetSpec ds = new DatasetSpec(g.dataset(), g.n(), g.d(), g.kappa(), Norms.parse(g.norms()), g.rotation() == RotationKind.RANDOM);
        return AutoParams.resolve(g, ds, new KarrasSchedule(g.sigmaMax(), g.sigmaMin(), g.steps(), g.karrasRho()), sigmaValid, rotated);
    }

    @Test
    void alphaIsRootDUnlessGiven() {
        assertEquals(Math.sqrt(30), AutoParams.alpha(CellParams.defaults()));
        assertEquals(2.5, AutoParams.alpha(CellParams.fromMap(Map.of("alpha", 2.5))));
    }

    @Test
    void theProbabilityFlowResolvesItsSwitchAndStartScale() {
        CellParams r = resolve(Map.of("sigma-max", 0.5, "sigma-min", 0.002, "steps", 20, "norms", 1), 0.1, false);
        double expected = Double.NaN;
        for (double s : new KarrasSchedule(0.5, 0.002, 20, 7).sigmas()) if (s < 0.095) {
            expected = s;
            break;
        }
        assertEquals(expected, r.sigmaSwitch());
        assertEquals(0.5, r.startScale(), "s = σ_max");
        assertEquals(Math.sqrt(30), r.alpha());
        assertTrue(Double.isNaN(r.sigma()), "the score flow's σ does not apply: left at its default (auto)");
        assertEquals("fixed(1.0)", r.norms(), "canonical norms");
        assertEquals(Double.POSITIVE_INFINITY, resolve(Map.of("low-noise", "mmse"), Double.POSITIVE_INFINITY, false).sigmaSwitch(),
                "no validity limit: every level uses the low-noise denoiser");
        assertInvalid("sigma-min", "0.09", () -> resolve(Map.of("sigma-min", 0.09), 0.0913, false), "0.95 σ_valid");
    }

    @Test
    void theScoreFlowResolvesSigmaAndResetsWhatItDoesNotUse() {
        CellParams r = resolve(Map.of("flow", "score", "sigma-max", 3, "steps", 9, "solver", "heun", "sigma-switch", 0.5), 0.1, false);
        assertEquals(0.05, r.sigma(), "σ = σ_valid/2");
        assertEquals(3.0, r.startScale(), "s = the given σ_max, resolved before σ_max is reset");
        CellParams z = CellParams.defaults();
        assertEquals(z.sigmaMax(), r.sigmaMax());
        assertEquals(z.steps(), r.steps());
        assertEquals(z.solver(), r.solver());
        assertTrue(Double.isNaN(r.sigmaSwitch()));
        assertInvalid("sigma", "auto", () -> resolve(Map.of("flow", "score", "low-noise", "mmse"), Double.POSITIVE_INFINITY, false),
                "explicit σ");
        assertEquals(0.3, resolve(Map.of("flow", "score", "sigma", 0.3, "low-noise", "mmse"), Double.POSITIVE_INFINITY, false).sigma());
    }

    @Test
    void theFrameIsCanonicalWithoutARotation() {
        assertEquals(Frame.DATA, resolve(Map.of("frame", "ambient"), 0.1, false).frame());
        assertEquals(Frame.AMBIENT, resolve(Map.of("frame", "ambient", "rotation", "random"), 0.1, true).frame());
    }
}
