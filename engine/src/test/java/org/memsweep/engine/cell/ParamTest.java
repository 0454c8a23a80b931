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
    }

    @Test
    void getterReadsTheRecordField() {
        CellParams p = CellParams.fromMap(java.util.Map.of("n", 9, "sigma-max", 3.5, "solver", "heun"));
        assertEquals(9, Param.N.get(p));
        assertEquals(3.5, Param.SIGMA_MAX.get(p));
        assertEquals("heun", Param.SOLVER.get(p));
        assertEquals(Param.values().length, p.toMap().size());
    }
}
