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

    /** The in-place (vector) version on a copy of xs: whole vectors, then a scalar tail when xs.length is not a multiple. */
    private static double[] vectorExp(double[] xs) {
        double[] out = xs.clone();
        Exp.expNonPositiveInPlace(out, out.length, new int[Exp.SPECIES.length()]);
        return out;
    }

    private static void assertSameBitsAsScalar(double[] xs) {
        double[] v = vectorExp(xs);
        for (int i = 0; i < xs.length; i++) {
            double s = Exp.expNonPositive(xs[i]);
            assertEquals(Double.doubleToLongBits(s), Double.doubleToLongBits(v[i]), "x = " + xs[i] + ": " + s + " vs " + v[i]);
        }
    }

    @Test
    void vectorVersionGivesTheScalarBitsOverTheWholeRange() {
        // Enough calls for the JIT to compile the vector code (intrinsics), not only the interpreter's fallback.
        SplittableRandom rnd = new SplittableRandom(12);
        double[] xs = new double[4096];
        for (int round = 0; round < 300; round++) {
            for (int i = 0; i < xs.length; i++) {
                xs[i] = switch (i % 4) {
                    case 0 -> -745.0 * rnd.nextDouble();
                    case 1 -> -Math.pow(10, -12 + 15 * rnd.nextDouble());
                    case 2 -> -708.0 - 37.5 * rnd.nextDouble(); // subnormal results and the underflow threshold
                    default -> -Math.rint(rnd.nextDouble() * 700 * 64) / 64 * Math.log(2); // near-ties of the reduction
                };
            }
            assertSameBitsAsScalar(xs);
        }
    }

    @Test
    void vectorVersionEdgeValues() {
        double step = Math.log(2) / 64;
        double[] xs = {0.0, -0.0, Double.NEGATIVE_INFINITY, Double.NaN, -745.2, Math.nextUp(-745.2), Math.nextDown(-745.2),
                -745.1332191019411, -708.0, Math.nextUp(-708.0), Math.nextDown(-708.0), -746.0, -1e300, -Double.MAX_VALUE,
                -Double.MIN_VALUE, -1e-300, -0.5 * step, -1.5 * step, -2.5 * step, Math.nextUp(-0.5 * step),
                Math.nextDown(-0.5 * step), -Math.log(2), -1.0, -1e-17};
        for (int i = 0; i < 2000; i++) assertSameBitsAsScalar(xs);
        // Whole vectors of underflowing arguments (skipped as a block) give +0; a NaN among them still gives NaN.
        int lanes = Exp.SPECIES.length();
        double[] far = new double[4 * lanes];
        for (int i = 0; i < far.length; i++) far[i] = i % 3 == 0 ? Double.NEGATIVE_INFINITY : -746.0 - i;
        far[lanes + 1] = Double.NaN;
        for (int i = 0; i < 2000; i++) assertSameBitsAsScalar(far);
        double[] farExp = vectorExp(far);
        for (int i = 0; i < far.length; i++) {
            if (i == lanes + 1) assertTrue(Double.isNaN(farExp[i]));
            else assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(farExp[i]), "entry " + i);
        }
        // Only the first count entries change; a count that is not a whole number of vectors takes a scalar tail.
        double[] part = xs.clone();
        Exp.expNonPositiveInPlace(part, 5, new int[Exp.SPECIES.length()]);
        for (int i = 0; i < xs.length; i++) {
            double want = i < 5 ? Exp.expNonPositive(xs[i]) : xs[i];
            assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(part[i]), "entry " + i);
        }
        double[] v = vectorExp(xs);
        assertEquals(1.0, v[0]);
        assertEquals(0.0, v[2]);
        assertTrue(Double.isNaN(v[3]));
    }
}
