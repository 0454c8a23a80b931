package org.memsweep.engine.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParamTest {
    @Test
    void keysAndColumnsAreUniqueAndFindable() {
        Set<String> names = new HashSet<>();
        for (Param p : Param.values()) {
            assertTrue(names.add(p.key()), "unique key " + p.key());
            if (!p.column().equals(p.key())) assertTrue(names.add(p.column()), "unique column " + p.column());
            assertSame(p, Param.byKey(p.key()));
            assertSame(p, Param.byKey(p.column()));
            assertTrue(p.column().matches("[a-z_]+"), "snake-case column " + p.column());
            assertTrue(!p.doc().isBlank());
        }
        assertEquals("sigma_max", Param.SIGMA_MAX.column());
        assertEquals("master_seed", Param.SEED.column());
        assertSame(Param.SEED, Param.byKey("master_seed"));
        assertNull(Param.byKey("sigmamax"));
        assertNull(Param.byKey("Sigma-Max"));
    }

    @Test
    void defaultsAreScienceMd() {
        assertEquals("orthogonal", Param.DATASET.defaultValue());
        assertEquals(80.0, Param.SIGMA_MAX.defaultValue());
        assertEquals(0.002, Param.SIGMA_MIN.defaultValue());
        assertEquals(150, Param.STEPS.defaultValue());
        assertEquals(7.0, Param.KARRAS_RHO.defaultValue());
        assertEquals("euler", Param.SOLVER.defaultValue());
        assertEquals("probability", Param.FLOW.defaultValue());
        assertEquals("origin", Param.START_MEAN.defaultValue());
        assertEquals("mmse", Param.HIGH_NOISE.defaultValue());
        assertEquals("closed", Param.LOW_NOISE.defaultValue());
        assertEquals(0.2, Param.TAU.defaultValue());
        assertEquals(0.5, Param.ETA.defaultValue());
        assertEquals("none", Param.ROTATION.defaultValue());
        for (Param p : new Param[] {Param.ALPHA, Param.SIGMA, Param.START_SCALE, Param.SIGMA_SWITCH}) {
            assertTrue(Double.isNaN((Double) p.defaultValue()), p.key() + " defaults to auto");
        }
    }

    @Test
    void coercion() {
        assertEquals(5, Param.N.coerce(5));
        assertEquals(5, Param.N.coerce(5L));
        assertEquals(5, Param.N.coerce(" 5 "));
        assertEquals(5, Param.N.coerce(5.0));
        assertEquals(7L, Param.SEED.coerce(7));
        assertEquals(-7L, Param.SEED.coerce("-7"));
        assertEquals(2.0, Param.SIGMA_MAX.coerce(2));
        assertEquals(0.5, Param.SIGMA_MAX.coerce("0.5"));
        assertEquals(1e-3, Param.SIGMA_MIN.coerce(" 1E-3 "));
        assertTrue(Double.isNaN((Double) Param.ALPHA.coerce("auto")));
        assertTrue(Double.isNaN((Double) Param.ALPHA.coerce(" Auto ")));
        assertEquals("score", Param.FLOW.coerce(" score "));
        assertEquals("fixed(2.0)", Param.NORMS.coerce(2));
        assertInvalid("n", "abc", () -> Param.N.coerce("abc"), "an integer");
        assertInvalid("n", "2.5", () -> Param.N.coerce(2.5));
        assertInvalid("n", "true", () -> Param.N.coerce(true));
        assertInvalid("seed", "1.5", () -> Param.SEED.coerce(1.5), "64-bit");
        assertInvalid("sigma-max", "auto", () -> Param.SIGMA_MAX.coerce("auto"), "a number");
        assertInvalid("alpha", "nan", () -> Param.ALPHA.coerce("nan"), "a number or auto");
        assertInvalid("flow", "3", () -> Param.FLOW.coerce(3), "a string");
        assertInvalid("tau", "null", () -> Param.TAU.coerce(null));
        // integers out of range (also out of int or long range) are named with the range, not "not an integer"
        assertInvalid("n", "2147483648", () -> Param.N.coerce("2147483648"), "an integer from 1 to 1000000");
        assertInvalid("n", "2147483648", () -> Param.N.coerce(2147483648L), "an integer from 1 to 1000000");
        assertInvalid("n", "10000000000", () -> Param.N.coerce(1e10), "an integer from 1 to 1000000");
        assertInvalid("d", "0", () -> Param.D.coerce(0), "an integer from 1 to 100000000");
        assertInvalid("steps", "-3", () -> Param.STEPS.coerce("-3"), "an integer from 1 to 10000000");
        assertInvalid("max-steps", "99999999999", () -> Param.MAX_STEPS.coerce("99999999999"), "an integer from 1 to 2147483647");
        assertInvalid("seed", "9223372036854775808", () -> Param.SEED.coerce("9223372036854775808"),
                "an integer from -9223372036854775808 to 9223372036854775807");
        assertEquals(Long.MIN_VALUE, Param.SEED.coerce("-9223372036854775808"));
        assertEquals(1_000_000, Param.N.coerce("1000000"));
    }

    @Test
    void applicabilityFollowsTheFlowTheDataAndTheDenoisers() {
        CellParams prob = CellParams.defaults(), score = prob.with("flow", "score");
        for (Param p : new Param[] {Param.SOLVER, Param.SIGMA_MAX, Param.SIGMA_MIN, Param.STEPS, Param.KARRAS_RHO, Param.SIGMA_SWITCH}) {
            assertTrue(p.appliesTo(prob), p.key());
            assertTrue(!p.appliesTo(score), p.key());
            assertNull(p.recorded(score));
        }
        for (Param p : new Param[] {Param.ETA, Param.SIGMA, Param.TOL, Param.MAX_STEPS}) {
            assertTrue(p.appliesTo(score), p.key());
            assertTrue(!p.appliesTo(prob), p.key());
        }
        assertTrue(!Param.KAPPA.appliesTo(prob));
        assertTrue(Param.KAPPA.appliesTo(prob.with("dataset", "obtuse-simplex")));
        assertTrue(Param.ALPHA.appliesTo(prob));
        assertTrue(!Param.ALPHA.appliesTo(prob.with("low-noise", "mmse")));
        CellParams resolved = prob.with("sigma-switch", 0.1);
        assertTrue(Param.HIGH_NOISE.appliesTo(resolved), "σ_max = 80 > σ_switch");
        assertTrue(!Param.HIGH_NOISE.appliesTo(resolved.with("sigma-max", 0.1)), "every level at or below σ_switch");
        for (Param p : new Param[] {Param.DATASET, Param.N, Param.D, Param.NORMS, Param.ROTATION, Param.FLOW, Param.START_MEAN,
            Param.START_SCALE, Param.LOW_NOISE, Param.TAU, Param.FRAME, Param.SEED}) {
            assertTrue(p.appliesTo(prob) && p.appliesTo(score), p.key());
        }
        assertEquals("data", Param.FRAME.defaultValue());
    }

    @Test
    void getterReadsTheRecordField() {
        CellParams p = CellParams.fromMap(java.util.Map.of("n", 9, "sigma-max", 3.5, "solver", "heun"));
        assertEquals(9, Param.N.get(p));
        assertEquals(3.5, Param.SIGMA_MAX.get(p));
        assertEquals("heun", Param.SOLVER.get(p));
        assertEquals(Param.values().length, p.toMap().size());
    }

    @Test
    void trainAndAllowUntoleratedApplyToTrainedCellsOnly() {
        CellParams closed = CellParams.fromMap(java.util.Map.of("train", "width=8", "allow-untolerated", true));
        assertTrue(!Param.TRAIN.appliesTo(closed) && !Param.ALLOW_UNTOLERATED.appliesTo(closed));
        assertTrue(!closed.canonical().contains("train="), closed.canonical());
        CellParams low = closed.with("low-noise", "trained");
        assertTrue(Param.TRAIN.appliesTo(low) && Param.ALLOW_UNTOLERATED.appliesTo(low));
        assertEquals(org.memsweep.engine.train.TrainSettings.parse("width=8").canonical(), Param.TRAIN.recorded(low));
        assertEquals("yes", Param.ALLOW_UNTOLERATED.recorded(low));
        // one cell whatever the spelling of its settings
        assertEquals(low.canonical(), low.with("train", "width = 8 , seed=0").canonical());
        assertTrue(!low.canonical().equals(low.with("train", "width=16").canonical()));
        // high-noise trained applies only with levels above σ_switch
        CellParams high = CellParams.fromMap(java.util.Map.of("high-noise", "trained", "sigma-switch", 1.0));
        assertTrue(Param.TRAIN.appliesTo(high));
        assertTrue(!Param.TRAIN.appliesTo(high.with("sigma-switch", 100.0)));
        assertTrue(!Param.TRAIN.appliesTo(low.with("flow", "score")));
        assertInvalid("allow-untolerated", "maybe", () -> CellParams.fromMap(java.util.Map.of("allow-untolerated", "maybe")), "one of no, yes");
        assertInvalid("training setting", "widht", () -> CellParams.fromMap(java.util.Map.of("train", "widht=8")), "one of method");
    }
}
