package org.memsweep.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.memsweep.engine.TestSupport.assertInvalid;

import org.junit.jupiter.api.Test;

class SolverTest {
    @Test
    void parsesKeys() {
        assertEquals(Solver.EULER, Solver.parse("euler"));
        assertEquals(Solver.HEUN, Solver.parse("heun"));
        assertEquals("euler", Solver.EULER.key());
        assertEquals("heun", Solver.HEUN.key());
    }

    @Test
    void rejectsUnknown() {
        assertInvalid("solver", "rk4", () -> Solver.parse("rk4"), "euler", "heun");
        assertInvalid("solver", "EULER", () -> Solver.parse("EULER"));
        assertInvalid("solver", "null", () -> Solver.parse(null));
    }
}
