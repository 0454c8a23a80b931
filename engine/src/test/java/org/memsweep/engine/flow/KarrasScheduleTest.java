package org.memsweep.engine.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import org.junit.jupiter.api.Test;

class KarrasScheduleTest {
    @Test
    void levelsFollowTheEdmFormula() {
        for (int k : new int[] {2, 3, 7, 150, 1000}) {
            double max = 80, min = 0.002, rho = 7;
            double[] s = new KarrasSchedule(max, min, k, rho).sigmas();
            assertEquals(k, s.length);
            assertEquals(max, s[0], 0.0, "σ_0 = σ_max exactly");
            assertEquals(min, s[k - 1], 0.0, "σ_{K−1} = σ_min exactly");
            for (int i = 0; i < k; i++) {
                double expected = Math.pow(Math.pow(max, 1 / rho) + (double) i / (k - 1) * (Math.pow(min, 1 / rho) - Math.pow(max, 1 / rho)), rho);
                assertEquals(expected, s[i], 1e-13 * expected, "σ_" + i + " of K = " + k);
                if (i > 0) assertTrue(s[i] < s[i - 1], "decreasing");
            }
        }
    }

    @Test
    void knownValues() {
        assertArrayEquals(new double[] {1, 0.5}, new KarrasSchedule(1, 0.5, 2, 7).sigmas(), 0.0);
        // ϱ = 1 spaces the levels linearly
        assertArrayEquals(new double[] {1, 0.75, 0.5, 0.25}, new KarrasSchedule(1, 0.25, 4, 1).sigmas(), 1e-15);
        // ϱ = 2: ((√4 + √1)/2)² = 2.25 in the middle
        assertArrayEquals(new double[] {4, 2.25, 1}, new KarrasSchedule(4, 1, 3, 2).sigmas(), 1e-15);
    }

    @Test
    void deterministic() {
        double[] a = new KarrasSchedule(80, 0.002, 150, 7).sigmas(), b = new KarrasSchedule(80, 0.002, 150, 7).sigmas();
        for (int i = 0; i < a.length; i++) assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]));
        a[3] = -1;
        assertTrue(new KarrasSchedule(80, 0.002, 150, 7).sigmas()[3] > 0);
    }

    @Test
    void invalidSchedules() {
        assertInvalid("sigma-min", "80", () -> new KarrasSchedule(80, 80, 150, 7), "σ_min < σ_max");
        assertInvalid("sigma-min", "100", () -> new KarrasSchedule(80, 100, 150, 7), "80");
        assertInvalid("sigma-min", "0", () -> new KarrasSchedule(80, 0, 150, 7), "> 0");
        assertInvalid("sigma-min", "-0.1", () -> new KarrasSchedule(80, -0.1, 150, 7));
        assertInvalid("sigma-min", "NaN", () -> new KarrasSchedule(80, Double.NaN, 150, 7));
        assertInvalid("sigma-max", "Infinity", () -> new KarrasSchedule(Double.POSITIVE_INFINITY, 0.002, 150, 7), "finite");
        assertInvalid("sigma-max", "NaN", () -> new KarrasSchedule(Double.NaN, 0.002, 150, 7));
        assertInvalid("steps", "1", () -> new KarrasSchedule(80, 0.002, 1, 7), "K ≥ 2");
        assertInvalid("steps", "0", () -> new KarrasSchedule(80, 0.002, 0, 7));
        assertInvalid("steps", "-3", () -> new KarrasSchedule(80, 0.002, -3, 7));
        assertInvalid("karras-rho", "0", () -> new KarrasSchedule(80, 0.002, 150, 0));
        assertInvalid("karras-rho", "NaN", () -> new KarrasSchedule(80, 0.002, 150, Double.NaN));
    }
}
