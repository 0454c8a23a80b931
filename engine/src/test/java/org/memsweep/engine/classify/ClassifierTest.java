package org.memsweep.engine.classify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassifierTest {
    @Test
    void isFinite() {
        assertTrue(Classifier.isFinite(new double[] {0, -1e308, Double.MAX_VALUE, Double.MIN_VALUE}));
        assertTrue(Classifier.isFinite(new double[0]));
        assertFalse(Classifier.isFinite(new double[] {0, Double.NaN}));
        assertFalse(Classifier.isFinite(new double[] {Double.POSITIVE_INFINITY}));
        assertFalse(Classifier.isFinite(new double[] {1, 2, Double.NEGATIVE_INFINITY}));
    }
}
