package org.memsweep.engine.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import org.junit.jupiter.api.Test;

class DatasetSpecTest {
    private static final Norms ONE = Norms.fixed(1);

    @Test
    void sizeLimitsPerKind() {
        // orthogonal and obtuse: N − 1 ≤ d
        assertDoesNotThrow(() -> new DatasetSpec(DatasetKind.ORTHOGONAL, 31, 30, 0, ONE, false));
        assertInvalid("n", "32", () -> new DatasetSpec(DatasetKind.ORTHOGONAL, 32, 30, 0, ONE, false), "d = 30", "n ≤ 31");
        assertDoesNotThrow(() -> new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 31, 30, 0, ONE, false));
        assertInvalid("n", "32", () -> new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 32, 30, 0, ONE, false), "n ≤ 31");
        // equilateral: N ≤ d
        assertDoesNotThrow(() -> new DatasetSpec(DatasetKind.EQUILATERAL_SIMPLEX, 30, 30, 0, ONE, false));
        assertInvalid("n", "31", () -> new DatasetSpec(DatasetKind.EQUILATERAL_SIMPLEX, 31, 30, 0, ONE, false), "N ≤ d = 30");
        // gaussian: any N ≥ 1
        assertDoesNotThrow(() -> new DatasetSpec(DatasetKind.GAUSSIAN, 1, 3, 0, ONE, false));
        assertDoesNotThrow(() -> new DatasetSpec(DatasetKind.GAUSSIAN, 100, 3, 0, ONE, false));
        assertInvalid("n", "0", () -> new DatasetSpec(DatasetKind.GAUSSIAN, 0, 3, 0, ONE, false), "≥ 1");
        assertInvalid("n", "1", () -> new DatasetSpec(DatasetKind.ORTHOGONAL, 1, 3, 0, ONE, false), "≥ 2");
        assertInvalid("n", "-4", () -> new DatasetSpec(DatasetKind.EQUILATERAL_SIMPLEX, -4, 3, 0, ONE, false));
        assertInvalid("d", "0", () -> new DatasetSpec(DatasetKind.ORTHOGONAL, 2, 0, 0, ONE, false), "≥ 1");
    }

    @Test
    void kappaRange() {
        // N = 6: 0 ≤ κ ≤ 1/(N − 2) = 0.25
        assertDoesNotThrow(() -> new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 6, 6, 0.0, ONE, false));
        assertDoesNotThrow(() -> new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 6, 6, 0.25, ONE, false));
        assertInvalid("kappa", "-0.1", () -> new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 6, 6, -0.1, ONE, false), "1/(N−2)", "0.25");
        assertInvalid("kappa", "0.26", () -> new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 6, 6, 0.26, ONE, false), "0.25");
        assertInvalid("kappa", "NaN", () -> new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 6, 6, Double.NaN, ONE, false));
        assertInvalid("kappa", "Infinity", () -> new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 6, 6, Double.POSITIVE_INFINITY, ONE, false));
        // N = 2: a single edge, any κ in [0, 1]
        assertDoesNotThrow(() -> new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 2, 3, 1.0, ONE, false));
        // unused by other kinds but still required to be a number
        assertDoesNotThrow(() -> new DatasetSpec(DatasetKind.ORTHOGONAL, 6, 6, 0.7, ONE, false));
        assertInvalid("kappa", "NaN", () -> new DatasetSpec(DatasetKind.ORTHOGONAL, 6, 6, Double.NaN, ONE, false));
    }

    @Test
    void normsRules() {
        assertInvalid("norms", "null", () -> new DatasetSpec(DatasetKind.ORTHOGONAL, 3, 3, 0, null, false));
        Norms u = new Norms(0.5, 1.5);
        assertDoesNotThrow(() -> new DatasetSpec(DatasetKind.ORTHOGONAL, 3, 3, 0, u, false));
        assertDoesNotThrow(() -> new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 3, 3, 0.1, u, false));
        assertInvalid("norms", "uniform(0.5,1.5)", () -> new DatasetSpec(DatasetKind.EQUILATERAL_SIMPLEX, 3, 3, 0, u, false), "fixed");
        assertInvalid("norms", "uniform(0.5,1.5)", () -> new DatasetSpec(DatasetKind.GAUSSIAN, 3, 3, 0, u, false), "fixed");
    }

    @Test
    void canonicalText() {
        DatasetSpec o = new DatasetSpec(DatasetKind.ORTHOGONAL, 5, 7, 0.3, Norms.fixed(2), true);
        assertEquals("dataset=orthogonal;n=5;d=7;norms=fixed(2.0);rotation=random", o.canonical(),
                "κ is not part of a non-obtuse data set's identity");
        assertEquals("random", o.rotationName());
        DatasetSpec b = new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 5, 7, 0.25, new Norms(0.5, 1.5), false);
        assertEquals("dataset=obtuse-simplex;n=5;d=7;kappa=0.25;norms=uniform(0.5,1.5);rotation=none", b.canonical());
        assertEquals("none", b.rotationName());
        assertNotEquals(b.canonical(), new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 5, 7, 0.2, new Norms(0.5, 1.5), false).canonical());
        assertEquals(o.canonical(), new DatasetSpec(DatasetKind.ORTHOGONAL, 5, 7, 0.0, Norms.fixed(2), true).canonical());
        assertTrue(o.canonical().contains("n=5"));
        assertFalse(new DatasetSpec(DatasetKind.GAUSSIAN, 5, 7, 0, ONE, false).canonical().contains("kappa"));
    }
}
