package org.memsweep.analysis.stat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.memsweep.analysis.stat.TrendTest.Group;
import org.memsweep.analysis.stat.TrendTest.Scores;

class TrendTestTest {

    @Test
    void twoGroupsReduceToThePooledTwoSampleZ() {
        // 8/10 at N=4, 2/10 at N=16: (0.2 − 0.8)/√(0.5·0.5·(1/10 + 1/10)) = −0.6/√0.05 = −6/√5,
        // whatever the scores (two points are always a straight line).
        List<Group> g = List.of(new Group(4, 8, 10), new Group(16, 2, 10));
        for (Scores s : Scores.values()) {
            TrendTest t = TrendTest.of(g, s);
            assertTrue(t.testable());
            assertEquals(-6 / Math.sqrt(5), t.z(), 1e-14);
            assertEquals(0.0036451790457678207, t.pFalling(), 1e-16);
            assertEquals(1 - 0.0036451790457678207, t.pRising(), 1e-15);
            assertEquals(0.8, t.fracAtSmallest(), 0);
            assertEquals(0.2, t.fracAtLargest(), 0);
        }
    }

    @Test
    void logScoresOnADoublingGrid() {
        // N = 2, 4, 8 → log scores ∝ 1, 2, 3; 15, 10, 5 of 20. x̄ = 2, T = −15 + 5 = −10,
        // p̄ = 1/2, Σt(x−x̄)² = 40, Var = 10, Z = −√10.
        TrendTest t = TrendTest.of(List.of(new Group(2, 15, 20), new Group(4, 10, 20), new Group(8, 5, 20)));
        assertEquals(-Math.sqrt(10), t.z(), 1e-14);
        assertEquals(0.00078270112900127484, t.pFalling(), 1e-17);
        assertEquals(0.75, t.fracAtSmallest(), 0);
        assertEquals(0.25, t.fracAtLargest(), 0);
    }

    @Test
    void linearScoresWeighTheLargestNMore() {
        // Scores 2, 4, 8: x̄ = 14/3, deviations −8/3, −2/3, 10/3; T = (−120 − 20 + 50)/3 = −30;
        // Σt·dev² = 20·168/9, Var = 840/9, Z² = 900·9/840 = 135/14.
        TrendTest t = TrendTest.of(List.of(new Group(2, 15, 20), new Group(4, 10, 20), new Group(8, 5, 20)),
                Scores.LINEAR);
        assertEquals(-Math.sqrt(135.0 / 14), t.z(), 1e-14);
    }

    @Test
    void risingTrendIsTheMirrorImage() {
        TrendTest t = TrendTest.of(List.of(new Group(2, 5, 20), new Group(4, 10, 20), new Group(8, 15, 20)));
        assertEquals(Math.sqrt(10), t.z(), 1e-14);
        assertEquals(0.00078270112900127484, t.pRising(), 1e-17);
        assertTrue(t.pFalling() > 0.99);
    }

    @Test
    void groupOrderAndRepeatedNDoNotMatter() {
        // N=2 split into two groups of 10 (8 + 7 successes) is the same data as one group of 20.
        TrendTest t = TrendTest.of(List.of(new Group(8, 5, 20), new Group(2, 8, 10), new Group(4, 10, 20),
                new Group(2, 7, 10)));
        assertEquals(-Math.sqrt(10), t.z(), 1e-14);
        assertEquals(0.75, t.fracAtSmallest(), 0);
    }

    @Test
    void allZeroPercentIsInconclusiveNotNaN() {
        assertUntestable(TrendTest.of(List.of(new Group(4, 0, 50), new Group(8, 0, 50))), 0.0, 0.0);
    }

    @Test
    void allHundredPercentIsInconclusiveNotNaN() {
        assertUntestable(TrendTest.of(List.of(new Group(4, 50, 50), new Group(8, 30, 30))), 1.0, 1.0);
    }

    @Test
    void singleGroupIsInconclusive() {
        assertUntestable(TrendTest.of(List.of(new Group(16, 3, 12))), 0.25, 0.25);
    }

    @Test
    void noTrialsIsInconclusive() {
        TrendTest t = TrendTest.of(List.of(new Group(4, 0, 0), new Group(8, 0, 0)));
        assertFalse(t.testable());
        assertEquals(1.0, t.pFalling());
        assertTrue(Double.isNaN(t.fracAtSmallest()));
        assertFalse(TrendTest.of(List.of()).testable());
    }

    @Test
    void emptyGroupsAreIgnored() {
        // An N with no trials neither moves the statistic nor becomes the "smallest N".
        TrendTest t = TrendTest.of(List.of(new Group(1, 0, 0), new Group(4, 8, 10), new Group(16, 2, 10)));
        assertEquals(-6 / Math.sqrt(5), t.z(), 1e-14);
        assertEquals(0.8, t.fracAtSmallest(), 0);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new Group(4, 11, 10));
        assertThrows(IllegalArgumentException.class,
                () -> TrendTest.of(List.of(new Group(0, 1, 10), new Group(4, 1, 10)), Scores.LOG));
    }

    private static void assertUntestable(TrendTest t, double fracMin, double fracMax) {
        assertFalse(t.testable());
        assertEquals(0.0, t.z());
        assertEquals(1.0, t.pFalling());
        assertEquals(1.0, t.pRising());
        assertEquals(fracMin, t.fracAtSmallest(), 0);
        assertEquals(fracMax, t.fracAtLargest(), 0);
    }
}
