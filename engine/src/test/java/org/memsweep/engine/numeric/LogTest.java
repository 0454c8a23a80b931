package org.memsweep.engine.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogTest {
    private static void same(double x) {
        assertEquals(Double.doubleToRawLongBits(StrictMath.log(x)), Double.doubleToRawLongBits(Log.log(x)),
                () -> "log(" + x + ") = " + Log.log(x) + ", StrictMath.log gives " + StrictMath.log(x));
    }

    @Test
    void theBitsOfStrictMathOnTheSamplersRange() {
        // The polar method's s = u² + v² in (0, 1): uniform, and log-uniform down to 1e-300.
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 3_000_000; i++) {
            same(rnd.nextDouble());
            same(Math.pow(10, -300 * rnd.nextDouble()));
        }
    }

    @Test
    void theBitsOfStrictMathInEveryBinadeAndAtTheBranches() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < 2_000_000; i++) same(Double.longBitsToDouble(rnd.nextLong() & Long.MAX_VALUE)); // every exponent, NaNs too
        for (int e = -1074; e <= 1023; e++) {
            double p = Math.scalb(1.0, e);
            same(p);
            same(Math.nextUp(p));
            same(Math.nextDown(p));
        }
        // |f| < 2^-20 around 1 and 2^k (its own branch), and both sides of the √2 split (0x6147a, 0x6b851, 0x95f64)
        for (int i = -3000; i <= 3000; i++) {
            same(1.0 + i * 0x1p-32);
            same(2.0 + i * 0x1p-31);
            same(0.5 + i * 0x1p-33);
            same(Math.sqrt(2) + i * 0x1p-40);
            same(Math.sqrt(2) / 2 + i * 0x1p-41);
        }
        for (double x : new double[] {0.0, -0.0, -1.0, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1.0, 2.0, Math.E, 10.0}) {
            same(x);
        }
    }

    /** The array version against StrictMath, bit for bit, on vectors that mix every path, until the JIT compiles it. */
    @Test
    void theArrayVersionGivesTheBitsOfStrictMath() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] x = new double[4099], out = new double[x.length]; // not a whole number of vectors: a scalar tail
        for (int round = 0; round < 300; round++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = switch (i % 8) {
                    case 0, 1, 2 -> rnd.nextDouble(); // the sampler's range
                    case 3 -> Math.pow(10, -300 * rnd.nextDouble());
                    case 4 -> Double.longBitsToDouble(rnd.nextLong() & Long.MAX_VALUE); // any exponent, NaNs too
                    case 5 -> Math.sqrt(2) / 2 + (rnd.nextInt(6001) - 3000) * 0x1p-41; // the √2 split
                    case 6 -> round % 2 == 0 ? rnd.nextDouble() : 1.0 + (rnd.nextInt(6001) - 3000) * 0x1p-32; // |f| < 2^-20 now and then
                    default -> round % 3 == 0 ? -rnd.nextDouble() : 0.5 + (rnd.nextInt(6001) - 3000) * 0x1p-33;
                };
            }
            Log.log(x, out, x.length);
            for (int i = 0; i < x.length; i++) {
                double want = StrictMath.log(x[i]);
                if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(out[i])) {
                    assertEquals(want, out[i], "log(" + x[i] + "), entry " + i + " of round " + round);
                }
            }
        }
        // In place, and only the first count entries.
        double[] y = {0.3, 0.7, 0.9, 0.1, 0.5, 0.25, 0.125, 0.99, 0.01, 0.6, 0.45, 0.35, 0.2, 0.8, 0.05, 0.75, 0.4};
        double[] want = y.clone();
        Log.log(y, y, 16);
        for (int i = 0; i < y.length; i++) {
            double w = i < 16 ? StrictMath.log(want[i]) : want[i];
            assertEquals(Double.doubleToRawLongBits(w), Double.doubleToRawLongBits(y[i]), "entry " + i);
        }
    }
}
