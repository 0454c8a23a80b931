package org.memsweep.analysis.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WilsonTest {
    private static final double Z2 = Wilson.Z95 * Wilson.Z95; // 3.841458820694125

    @Test
    void noSuccessesGivesZeroLowerBoundAndClosedFormUpper() {
        Wilson w = Wilson.of(0, 10);
        assertEquals(0.0, w.estimate());
        assertEquals(0.0, w.lo()); // exactly, not 1e-17
        // k = 0: centre = half = (z²/2n)/(1+z²/n), so hi = z²/(n + z²) = 3.8414588/13.8414588.
        assertEquals(Z2 / (10 + Z2), w.hi(), 1e-15);
        assertEquals(0.2775327998628892, w.hi(), 1e-15);
    }

    @Test
    void allSuccessesMirrorsNoSuccesses() {
        Wilson w = Wilson.of(10, 10);
        assertEquals(1.0, w.estimate());
        assertEquals(1.0, w.hi());
        assertEquals(10 / (10 + Z2), w.lo(), 1e-15); // 1 − 0.2775327998628892
    }

    @Test
    void halfIsSymmetricAboutOneHalf() {
        // p = 1/2: centre 1/2, half-width z/(1+z²/10)·√(1/40 + z²/400) = 0.263406909487436.
        Wilson w = Wilson.of(5, 10);
        double half = Wilson.Z95 / (1 + Z2 / 10) * Math.sqrt(0.025 + Z2 / 400);
        assertEquals(0.5 - half, w.lo(), 1e-15);
        assertEquals(0.5 + half, w.hi(), 1e-15);
        assertEquals(0.236593090512564, w.lo(), 1e-14);
    }

    @Test
    void asymmetricInteriorCase() {
        // 8 of 40: centre (0.2 + z²/80)/(1 + z²/40) = 0.22628648, bounds from 30-digit arithmetic.
        Wilson w = Wilson.of(8, 40);
        assertEquals(0.2, w.estimate(), 0);
        assertEquals(0.10499989725437702, w.lo(), 1e-14);
        assertEquals(0.34757306346399496, w.hi(), 1e-14);
        assertTrue(w.hi() - 0.2 > 0.2 - w.lo(), "Wilson leans toward 1/2");
    }

    @Test
    void singleTrial() {
        Wilson w = Wilson.of(1, 1);
        assertEquals(1 / (1 + Z2), w.lo(), 1e-15); // 0.20654931437723743
        assertEquals(1.0, w.hi());
    }

    @Test
    void noTrialsGivesNaN() {
        Wilson w = Wilson.of(0, 0);
        assertTrue(Double.isNaN(w.estimate()) && Double.isNaN(w.lo()) && Double.isNaN(w.hi()));
    }

    @Test
    void otherLevels() {
        // z = 0 collapses the interval onto the estimate.
        Wilson w = Wilson.of(3, 12, 0.0);
        assertEquals(0.25, w.lo(), 1e-15);
        assertEquals(0.25, w.hi(), 1e-15);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> Wilson.of(11, 10));
        assertThrows(IllegalArgumentException.class, () -> Wilson.of(-1, 10));
    }
}
