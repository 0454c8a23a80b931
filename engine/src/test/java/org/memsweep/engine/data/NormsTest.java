package org.memsweep.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import org.junit.jupiter.api.Test;

class NormsTest {
    @Test
    void parsesFixedForms() {
        assertEquals(Norms.fixed(1), Norms.parse("1"));
        assertEquals(Norms.fixed(2.5), Norms.parse("2.5"));
        assertEquals(Norms.fixed(2), Norms.parse("fixed(2)"));
        assertEquals(Norms.fixed(2), Norms.parse("  Fixed( 2 ) "));
        assertEquals(Norms.fixed(0.001), Norms.parse("1e-3"));
        assertTrue(Norms.parse("3").isFixed());
    }

    @Test
    void parsesUniform() {
        Norms u = Norms.parse("uniform(0.5,1.5)");
        assertEquals(0.5, u.lo());
        assertEquals(1.5, u.hi());
        assertFalse(u.isFixed());
        assertEquals(u, Norms.parse("UNIFORM( 0.5 , 1.5 )"));
    }

    @Test
    void canonicalTextRoundTrips() {
        for (Norms n : new Norms[] {Norms.fixed(1), Norms.fixed(0.3), new Norms(0.25, 4)}) {
            assertEquals(n, Norms.parse(n.toString()));
        }
        assertEquals("fixed(1.0)", Norms.fixed(1).toString());
        assertEquals("uniform(0.5,1.5)", new Norms(0.5, 1.5).toString());
    }

    @Test
    void rejectsInvalidText() {
        String[] bad = {"uniform(2,1)", "uniform(1,1)", "uniform(0,1)", "uniform(-1,1)", "uniform(1,Infinity)",
            "0", "-1", "fixed(0)", "fixed(-2)", "abc", "fixed(1", "1)", "", "fixed()", "uniform(1)", "NaN", "Infinity",
            "uniform(a,b)", "fixed(1,2)"};
        for (String s : bad) assertInvalid("norms", s, () -> Norms.parse(s), "uniform(a,b)");
        assertInvalid("norms", "null", () -> Norms.parse(null));
    }

    @Test
    void constructorRejectsInvalidRanges() {
        assertInvalid("norms", "0", () -> new Norms(0, 0));
        assertInvalid("norms", "uniform(2.0,1.0)", () -> new Norms(2, 1));
        assertInvalid("norms", "uniform(1.0,Infinity)", () -> new Norms(1, Double.POSITIVE_INFINITY));
        assertInvalid("norms", "NaN", () -> Norms.fixed(Double.NaN));
        assertInvalid("norms", "-1", () -> Norms.fixed(-1));
    }
}
