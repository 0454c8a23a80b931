package org.memsweep.engine.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpTest {
    /** Distance in units in the last place between two non-negative doubles. */
    private static long ulps(double a, double b) {
        return Math.abs(Double.doubleToRawLongBits(a) - Double.doubleToRawLongBits(b));
    }

    @Test
    void withinTwoUlpOfStrictMathOverTheWholeNonPositiveRange() {
        SplittableRandom rnd = new SplittableRandom(11);
        long worst = 0, differing = 0, samples = 2_000_000;
        for (int i = 0; i < samples; i++) {
            // half uniform over [−745, 0], half log-uniform towards 0 (the small arguments of high σ)
            double x = i % 2 == 0 ? -745.0 * rnd.nextDouble() : -Math.pow(10, -12 + 15 * rnd.nextDouble());
            long u = ulps(Exp.expNonPositive(x), StrictMath.exp(x));
            worst = Math.max(worst, u);
            if (u != 0) differing++;
        }
        assertTrue(worst <= 2, "worst ulp difference " + worst);
        // Most results are the very same double: the polynomial is not a loose approximation.
        assertTrue(differing < samples / 4, differing + " of " + samples + " differ");
    }

    @Test
    void edgeValues() {
        assertEquals(1.0, Exp.expNonPositive(0.0));
        assertEquals(1.0, Exp.expNonPositive(-0.0));
        assertEquals(0.0, Exp.expNonPositive(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Exp.expNonPositive(-746.0));
        assertEquals(0.0, Exp.expNonPositive(-1e300));
        assertTrue(Double.isNaN(Exp.expNonPositive(Double.NaN)));
        // The subnormal range: still within 2 ulp of the subnormal StrictMath gives.
        for (double x = -744.9; x < -708; x += 0.37) {
            assertTrue(ulps(Exp.expNonPositive(x), StrictMath.exp(x)) <= 2, "x = " + x);
        }
        assertTrue(ulps(Exp.expNonPositive(-1e-300), 1.0) <= 1);
    }

    @Test
    void exactAtMultiplesOfTheTableStepNearZero() {
        // e^{-ln2} = 1/2 to within an ulp (the reduction is exact there up to ln2's rounding).
        assertTrue(ulps(Exp.expNonPositive(-Math.log(2)), 0.5) <= 1);
        assertTrue(ulps(Exp.expNonPositive(-10 * Math.log(2)), 1.0 / 1024) <= 1);
    }
}
