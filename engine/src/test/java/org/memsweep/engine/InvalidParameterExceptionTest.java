package org.memsweep.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;

/**
 * Every invalid parameter of a cell gives an {@link InvalidParameterException} whose message names
 * the parameter, the value given and what is allowed (the command line prints it as it is).
 */
class InvalidParameterExceptionTest {
    private static Map<String, Object> spec(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static void rejects(String parameter, String valueText, Map<String, Object> spec, String... hints) {
        assertInvalid(parameter, valueText, () -> Cell.build(CellParams.fromMap(spec)), hints);
    }

    private static void accepts(Map<String, Object> spec) {
        assertDoesNotThrow(() -> Cell.build(CellParams.fromMap(spec)), spec.toString());
    }

    @Test
    void messageFormat() {
        InvalidParameterException e = new InvalidParameterException("sigma-max", 80.0, "a number below 10");
        assertEquals("sigma-max", e.parameter());
        assertEquals("sigma-max = 80 is not allowed: a number below 10", e.getMessage());
        assertEquals("tau = 0.25 is not allowed: x", new InvalidParameterException("tau", 0.25, "x").getMessage());
        assertEquals("tau = NaN is not allowed: x", new InvalidParameterException("tau", Double.NaN, "x").getMessage());
        assertEquals("tau = -Infinity is not allowed: x", new InvalidParameterException("tau", Double.NEGATIVE_INFINITY, "x").getMessage());
        assertEquals("tau = 1.0E20 is not allowed: x", new InvalidParameterException("tau", 1e20, "x").getMessage());
        assertEquals("n = 3 is not allowed: x", new InvalidParameterException("n", 3, "x").getMessage());
        assertEquals("flow = null is not allowed: x", new InvalidParameterException("flow", null, "x").getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void requireHelpers() {
        assertEquals(2.5, InvalidParameterException.requirePositive("x", 2.5));
        assertInvalid("x", "0", () -> InvalidParameterException.requirePositive("x", 0.0), "> 0");
        assertInvalid("x", "-0.5", () -> InvalidParameterException.requirePositive("x", -0.5));
        assertInvalid("x", "NaN", () -> InvalidParameterException.requirePositive("x", Double.NaN));
        assertInvalid("x", "Infinity", () -> InvalidParameterException.requirePositive("x", Double.POSITIVE_INFINITY));
        assertEquals(-3.0, InvalidParameterException.requireFinite("x", -3.0));
        assertInvalid("x", "NaN", () -> InvalidParameterException.requireFinite("x", Double.NaN), "finite");
        assertInvalid("x", "-Infinity", () -> InvalidParameterException.requireFinite("x", Double.NEGATIVE_INFINITY));
    }

    @Test
    void dataSetSizes() {
        rejects("n", "32", spec("n", 32, "d", 30), "d = 30", "n ≤ 31");
        rejects("n", "32", spec("dataset", "obtuse-simplex", "n", 32, "d", 30), "n ≤ 31");
        rejects("n", "31", spec("dataset", "equilateral-simplex", "n", 31, "d", 30, "low-noise", "mmse"), "N ≤ d = 30");
        rejects("n", "1", spec("n", 1), "≥ 2");
        rejects("d", "0", spec("d", 0), "an integer from 1 to 100000000");
        accepts(spec("dataset", "equilateral-simplex", "n", 30, "d", 30));
    }

    @Test
    void kappa() {
        rejects("kappa", "-0.1", spec("dataset", "obtuse-simplex", "n", 6, "d", 6, "kappa", -0.1), "1/(N−2)");
        rejects("kappa", "0.3", spec("dataset", "obtuse-simplex", "n", 6, "d", 6, "kappa", 0.3), "0.25");
        rejects("kappa", "NaN", spec("dataset", "obtuse-simplex", "n", 6, "d", 6, "kappa", Double.NaN));
        rejects("kappa", "NaN", spec("n", 6, "d", 6, "kappa", Double.NaN));
        rejects("kappa", "NaN", spec("dataset", "obtuse-simplex", "kappa", "NaN"));
        accepts(spec("dataset", "obtuse-simplex", "n", 6, "d", 6, "kappa", 0.25));
    }

    @Test
    void alpha() {
        rejects("alpha", "-1", spec("alpha", -1), "> 0");
        rejects("alpha", "0", spec("alpha", 0));
        rejects("alpha", "Infinity", spec("alpha", Double.POSITIVE_INFINITY));
        rejects("alpha", "inf", spec("alpha", "inf"));
        accepts(spec("alpha", "auto"));
        accepts(spec("alpha", 3));
    }

    @Test
    void schedule() {
        rejects("sigma-min", "80", spec("sigma-min", 80), "σ_min < σ_max");
        rejects("sigma-min", "100", spec("sigma-min", 100));
        rejects("sigma-min", "0", spec("sigma-min", 0), "> 0");
        rejects("sigma-min", "NaN", spec("sigma-min", Double.NaN));
        rejects("sigma-max", "Infinity", spec("sigma-max", Double.POSITIVE_INFINITY), "finite");
        rejects("sigma-max", "NaN", spec("sigma-max", Double.NaN));
        rejects("sigma-max", "-1", spec("sigma-max", -1));
        rejects("steps", "1", spec("steps", 1), "K ≥ 2");
        rejects("steps", "0", spec("steps", 0));
        rejects("karras-rho", "0", spec("karras-rho", 0));
        rejects("karras-rho", "Infinity", spec("karras-rho", Double.POSITIVE_INFINITY));
        // no level of the schedule below 0.95 σ_valid (σ_valid = 1/(2√30) ≈ 0.0913): nothing would use the closed form
        rejects("sigma-min", "0.09", spec("sigma-min", 0.09), "0.95 σ_valid");
        rejects("solver", "rk4", spec("solver", "rk4"), "euler", "heun");
    }

    @Test
    void tau() {
        rejects("tau", "0", spec("tau", 0), "> 0");
        rejects("tau", "-0.5", spec("tau", -0.5));
        rejects("tau", "NaN", spec("tau", Double.NaN));
        rejects("tau", "Infinity", spec("tau", Double.POSITIVE_INFINITY));
        rejects("tau", "fast", spec("tau", "fast"), "a number");
    }

    @Test
    void scoreFlowSettings() {
        rejects("eta", "0", spec("flow", "score", "eta", 0), "0 < η ≤ 1");
        rejects("eta", "1.5", spec("flow", "score", "eta", 1.5));
        rejects("eta", "-1", spec("flow", "score", "eta", -1));
        rejects("eta", "NaN", spec("flow", "score", "eta", Double.NaN));
        rejects("tol", "0", spec("flow", "score", "tol", 0), "> 0");
        rejects("tol", "-1", spec("flow", "score", "tol", -1));
        rejects("max-steps", "0", spec("flow", "score", "max-steps", 0), "an integer from 1 to");
        rejects("sigma", "-0.1", spec("flow", "score", "sigma", -0.1));
        rejects("sigma", "Infinity", spec("flow", "score", "sigma", Double.POSITIVE_INFINITY));
        rejects("sigma", "1", spec("flow", "score", "sigma", 1), "σ_valid");
        rejects("sigma", "auto", spec("flow", "score", "low-noise", "mmse"), "explicit σ");
        accepts(spec("flow", "score", "eta", 1));
        accepts(spec("flow", "score", "low-noise", "mmse", "sigma", 0.3));
    }

    @Test
    void scoreFlowSettingsAreValidatedForEveryFlow() {
        // An invalid value is rejected even where the flow does not use it, so no cell records one.
        rejects("eta", "2", spec("eta", 2), "0 < η ≤ 1");
        rejects("tol", "0", spec("tol", 0));
        rejects("max-steps", "0", spec("max-steps", 0));
        rejects("sigma", "-1", spec("sigma", -1));
        rejects("sigma-switch", "-1", spec("flow", "score", "sigma-switch", -1));
    }

    @Test
    void denoisersAndSwitch() {
        rejects("high-noise", "none", spec("high-noise", "none"), "high-noise denoiser");
        rejects("sigma-switch", "0.5", spec("sigma-switch", 0.5), "σ_valid");
        rejects("sigma-switch", "-1", spec("sigma-switch", -1));
        rejects("sigma-switch", "0", spec("sigma-switch", 0));
        rejects("low-noise", "closed", spec("dataset", "gaussian"), "mmse");
        rejects("low-noise", "x", spec("low-noise", "x"), "closed", "mmse");
        rejects("high-noise", "x", spec("high-noise", "x"), "mmse", "none");
        rejects("high-noise", "trained", spec("high-noise", "trained"));
        accepts(spec("high-noise", "none", "sigma-max", 0.08));
        accepts(spec("dataset", "gaussian", "low-noise", "mmse", "high-noise", "none"));
    }

    @Test
    void unknownNames() {
        rejects("dataset", "foo", spec("dataset", "foo"), "orthogonal");
        rejects("flow", "bar", spec("flow", "bar"), "probability", "score");
        rejects("start-mean", "middle", spec("start-mean", "middle"), "origin", "box-center");
        rejects("rotation", "x", spec("rotation", "x"), "none", "random");
        rejects("norms", "uniform(2,1)", spec("norms", "uniform(2,1)"), "uniform(a,b)");
        rejects("norms", "uniform(0.5,1.5)", spec("dataset", "equilateral-simplex", "n", 5, "d", 6, "norms", "uniform(0.5,1.5)"), "fixed");
        rejects("sigmamax", "3", spec("sigmamax", 3), "no such parameter", "sigma-max");
    }

    @Test
    void wrongTypes() {
        rejects("n", "abc", spec("n", "abc"), "an integer");
        rejects("n", "2.5", spec("n", 2.5), "an integer");
        rejects("n", "2.5", spec("n", "2.5"));
        rejects("n", "4294967296", spec("n", 4294967296L));
        rejects("steps", "3.7", spec("steps", 3.7));
        rejects("seed", "x", spec("seed", "x"), "an integer");
        rejects("seed", "1.5", spec("seed", 1.5));
        rejects("sigma-max", "auto", spec("sigma-max", "auto"), "a number");
        rejects("dataset", "5", spec("dataset", 5), "a string");
        rejects("n", "null", spec("n", null));
        rejects("start-scale", "Infinity", spec("start-scale", Double.POSITIVE_INFINITY));
        rejects("start-scale", "0", spec("start-scale", 0));
    }

    @Test
    void autoMarkersAreAccepted() {
        // NaN is how CellParams stores "auto", so a NaN number for an auto parameter means auto.
        Cell c = Cell.build(CellParams.fromMap(spec("alpha", Double.NaN, "start-scale", "AUTO", "sigma-switch", "auto")));
        assertEquals(Math.sqrt(30), c.params().alpha(), 0.0);
        assertEquals(80.0, c.params().startScale(), 0.0);
    }
}
