package org.memsweep.engine.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellParamsTest {
    @Test
    void defaults() {
        CellParams p = CellParams.defaults();
        assertEquals("orthogonal", p.dataset().key());
        assertEquals(31, p.n());
        assertEquals(30, p.d());
        assertEquals("fixed(1.0)", p.norms());
        assertEquals("probability", p.flow().key());
        assertEquals(80.0, p.sigmaMax());
        assertEquals(0.002, p.sigmaMin());
        assertEquals(150, p.steps());
        assertEquals(0.2, p.tau());
        assertEquals(1L, p.seed());
        assertTrue(Double.isNaN(p.alpha()) && Double.isNaN(p.sigma()) && Double.isNaN(p.startScale()) && Double.isNaN(p.sigmaSwitch()));
        for (Param q : Param.values()) assertEquals(q.defaultValue(), q.get(p), q.key());
    }

    @Test
    void fromMapAcceptsKeysColumnsAndStrings() {
        CellParams p = CellParams.fromMap(Map.of("n", "7", "d", 6.0, "sigma_max", "0.5", "master_seed", 99, "alpha", "auto", "norms", 2));
        assertEquals(7, p.n());
        assertEquals(6, p.d());
        assertEquals(0.5, p.sigmaMax());
        assertEquals(99L, p.seed());
        assertTrue(Double.isNaN(p.alpha()));
        assertEquals("fixed(2.0)", p.norms());
    }

    @Test
    void toMapWithAndCanonicalRoundTrip() {
        CellParams p = CellParams.fromMap(Map.of("n", 7, "d", 6, "sigma-max", 0.5, "flow", "score", "eta", 0.25));
        assertEquals(p, CellParams.fromMap(p.toMap()));
        List<String> keys = List.copyOf(p.toMap().keySet());
        for (int i = 0; i < Param.values().length; i++) assertEquals(Param.values()[i].key(), keys.get(i), "Param order");
        CellParams q = p.with("tau", 0.3);
        assertEquals(0.3, q.tau());
        assertEquals(p, q.with("tau", 0.2));
        assertNotEquals(p.canonical(), q.canonical());
        String c = p.canonical();
        assertTrue(c.startsWith("dataset=orthogonal;n=7;d=6;"), c);
        assertTrue(c.contains(";eta=0.25;"), c);
        assertTrue(c.contains(";alpha=NaN;"), c);
        assertTrue(c.endsWith(";frame=data;seed=1"), c);
        assertEquals(c, CellParams.fromMap(p.toMap()).canonical());
        // a score cell: the probability flow's parameters (and κ) are not part of its text
        for (String k : List.of("sigma-max", "sigma-min", "steps", "karras-rho", "solver", "high-noise", "sigma-switch", "kappa", "train", "allow-untolerated")) {
            assertFalse(c.contains(";" + k + "="), k + " in " + c);
        }
        long applying = java.util.Arrays.stream(Param.values()).filter(x -> x.appliesTo(p)).count();
        assertEquals(Param.values().length - 10, applying);
        assertEquals(applying, c.split(";").length);
        assertEquals(c, p.with("sigma-max", 3.0).with("steps", 9).with("kappa", 0.1).canonical(), "unused values change nothing");
        CellParams prob = p.with("flow", "probability");
        assertTrue(prob.canonical().contains(";sigma-max=0.5;"), prob.canonical());
        assertFalse(prob.canonical().contains(";eta="), prob.canonical());
        assertNotEquals(prob.canonical(), prob.with("sigma-max", 3.0).canonical());
    }

    @Test
    void unknownKeysAndBadValues() {
        assertInvalid("sigmamax", "3", () -> CellParams.fromMap(Map.of("sigmamax", 3)), "no such parameter", "sigma-max", "start-mean");
        assertInvalid("n", "abc", () -> CellParams.fromMap(Map.of("n", "abc")), "an integer");
        assertInvalid("n", "2.5", () -> CellParams.fromMap(Map.of("n", 2.5)));
        assertInvalid("tau", "abc", () -> CellParams.defaults().with("tau", "abc"));
        assertInvalid("foo", "1", () -> CellParams.defaults().with("foo", 1));
    }
}
