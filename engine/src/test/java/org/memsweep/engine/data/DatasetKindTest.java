package org.memsweep.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import org.junit.jupiter.api.Test;

class DatasetKindTest {
    @Test
    void parsesSpecKeys() {
        assertEquals(DatasetKind.ORTHOGONAL, DatasetKind.parse("orthogonal"));
        assertEquals(DatasetKind.OBTUSE_SIMPLEX, DatasetKind.parse("obtuse-simplex"));
        assertEquals(DatasetKind.EQUILATERAL_SIMPLEX, DatasetKind.parse("equilateral-simplex"));
        assertEquals(DatasetKind.GAUSSIAN, DatasetKind.parse("gaussian"));
        for (DatasetKind k : DatasetKind.values()) assertEquals(k, DatasetKind.parse(k.key()));
    }

    @Test
    void hyperboxKindsHaveAnApex() {
        assertTrue(DatasetKind.ORTHOGONAL.isHyperbox());
        assertTrue(DatasetKind.OBTUSE_SIMPLEX.isHyperbox());
        assertFalse(DatasetKind.EQUILATERAL_SIMPLEX.isHyperbox());
        assertFalse(DatasetKind.GAUSSIAN.isHyperbox());
    }

    @Test
    void unknownNamesAreRejected() {
        assertInvalid("dataset", "foo", () -> DatasetKind.parse("foo"), "orthogonal", "gaussian");
        assertInvalid("dataset", "ORTHOGONAL", () -> DatasetKind.parse("ORTHOGONAL"));
        assertInvalid("dataset", "null", () -> DatasetKind.parse(null));
    }
}
