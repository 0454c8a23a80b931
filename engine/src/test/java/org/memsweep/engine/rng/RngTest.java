package org.memsweep.engine.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {
    /**
     * An independent transcription of the published algorithms: SplitMix64 (Steele, Lea, Flood;
     * Vigna's reference C) seeding xoshiro256** (Blackman and Vigna, reference C, 2018).
     */
    private static final class Reference {
        private final long[] s = new long[4];

        Reference(long seed) {
            long x = seed;
            for (int i = 0; i < 4; i++) {
                long z = (x += 0x9e3779b97f4a7c15L);
                z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
                z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
                s[i] = z ^ (z >>> 31);
            }
        }

        long next() {
            long result = Long.rotateLeft(s[1] * 5, 7) * 9;
            long t = s[1] << 17;
            s[2] ^= s[0];
            s[3] ^= s[1];
            s[1] ^= s[2];
            s[0] ^= s[3];
            s[2] ^= t;
            s[3] = Long.rotateLeft(s[3], 45);
            return result;
        }
    }

    @Test
    void isXoshiro256StarStarSeededBySplitMix64() {
        for (long seed : new long[] {0, 1, -1, 42, 1234567, Long.MIN_VALUE, Long.MAX_VALUE}) {
            Rng rng = new Rng(seed);
            Reference ref = new Reference(seed);
            for (int i = 0; i < 1000; i++) assertEquals(ref.next(), rng.nextLong(), "seed " + seed + ", draw " + i);
        }
    }

    @Test
    void sameSeedSameSequence() {
        Rng a = new Rng(987654321L), b = new Rng(987654321L);
        for (int i = 0; i < 10_000; i++) {
            switch (i % 3) {
                case 0 -> assertEquals(a.nextLong(), b.nextLong());
                case 1 -> assertEquals(Double.doubleToRawLongBits(a.nextDouble()), Double.doubleToRawLongBits(b.nextDouble()));
                default -> assertEquals(Double.doubleToRawLongBits(a.nextGaussian()), Double.doubleToRawLongBits(b.nextGaussian()));
            }
        }
    }

    @Test
    void differentSeedsDiffer() {
        Rng a = new Rng(1), b = new Rng(2);
        int same = 0;
        for (int i = 0; i < 100; i++) if (a.nextLong() == b.nextLong()) same++;
        assertEquals(0, same);
        assertNotEquals(new Rng(0).nextGaussian(), new Rng(1).nextGaussian());
    }

    @Test
    void nextDoubleIsTheTop53BitsInUnitInterval() {
        Rng a = new Rng(7);
        Reference ref = new Reference(7);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double u = a.nextDouble();
            assertEquals((ref.next() >>> 11) * 0x1.0p-53, u, 0.0);
            assertTrue(u >= 0 && u < 1);
            sum += u;
        }
        assertEquals(0.5, sum / n, 5 * Math.sqrt(1.0 / 12 / n));
    }

    @Test
    void gaussianIsThePolarMethodAndHasUnitMoments() {
        // Polar method on the same uniform stream: u, v ∈ (−1, 1), accept s ∈ (0, 1), return u·m then v·m.
        Rng rng = new Rng(11);
        Reference ref = new Reference(11);
        for (int i = 0; i < 1000; i++) {
            double u, v, s;
            do {
                u = 2.0 * ((ref.next() >>> 11) * 0x1.0p-53) - 1.0;
                v = 2.0 * ((ref.next() >>> 11) * 0x1.0p-53) - 1.0;
                s = u * u + v * v;
            } while (s >= 1.0 || s == 0.0);
            double m = Math.sqrt(-2.0 * StrictMath.log(s) / s);
            assertEquals(u * m, rng.nextGaussian(), 0.0, "pair " + i + " first");
            assertEquals(v * m, rng.nextGaussian(), 0.0, "pair " + i + " second");
        }
        Rng g = new Rng(12);
        int n = 400_000;
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        int within1 = 0;
        for (int i = 0; i < n; i++) {
            double x = g.nextGaussian();
            s1 += x;
            s2 += x * x;
            s3 += x * x * x;
            s4 += x * x * x * x;
            if (Math.abs(x) <= 1) within1++;
        }
        assertEquals(0, s1 / n, 5 / Math.sqrt(n), "mean");
        assertEquals(1, s2 / n, 5 * Math.sqrt(2.0 / n), "variance");
        assertEquals(0, s3 / n, 5 * Math.sqrt(15.0 / n), "third moment");
        assertEquals(3, s4 / n, 5 * Math.sqrt(96.0 / n), "fourth moment");
        double p = 0.6826894921370859;
        assertEquals(p, (double) within1 / n, 5 * Math.sqrt(p * (1 - p) / n), "P(|Z| ≤ 1)");
    }

    @Test
    void nextGaussiansIsThatManyCallsOfNextGaussian() {
        for (int lead : new int[] {0, 1, 2}) { // 1: a spare is waiting when the block starts
            for (int n : new int[] {0, 1, 2, 3, 7, 30, 31, 4096}) {
                Rng one = new Rng(40 + n), block = new Rng(40 + n);
                for (int i = 0; i < lead; i++) {
                    one.nextGaussian();
                    block.nextGaussian();
                }
                double[] out = new double[n + 3];
                java.util.Arrays.fill(out, Double.NaN);
                block.nextGaussians(out, 2, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(one.nextGaussian()), Double.doubleToRawLongBits(out[2 + i]), "n " + n + ", lead " + lead + ", normal " + i);
                }
                assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]) && Double.isNaN(out[n + 2]), "only [off, off + n) written");
                // the same state afterwards: the spare (if any), then the uniform stream
                assertEquals(Double.doubleToRawLongBits(one.nextGaussian()), Double.doubleToRawLongBits(block.nextGaussian()), "n " + n + ", lead " + lead);
                assertEquals(one.nextLong(), block.nextLong());
            }
        }
    }

    /** One generator through blocks of falling and rising sizes (its scratch holds older pairs past the new ones). */
    @Test
    void nextGaussiansOfChangingSizesOnOneGenerator() {
        Rng one = new Rng(9), block = new Rng(9);
        for (int n : new int[] {4096, 3, 31, 30, 1, 0, 17, 4095, 8, 64}) {
            double[] out = new double[n];
            block.nextGaussians(out, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(one.nextGaussian()), Double.doubleToRawLongBits(out[i]), "n " + n + ", normal " + i);
            }
        }
    }

    /** The branch-free acceptance test is the polar method's 0 < q < 1 at its edges and between. */
    @Test
    void acceptedIsStrictlyBetweenZeroAndOne() {
        double[] qs = {0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 0x1p-104, 0.25, 0.5, Math.nextDown(1.0), 1.0,
                Math.nextUp(1.0), 1.5, 2.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
        for (double q : qs) assertEquals(q > 0.0 && q < 1.0 ? 1 : 0, Rng.accepted(q), "q = " + q);
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            double u = 2 * r.nextDouble() - 1, v = 2 * r.nextDouble() - 1, q = u * u + v * v;
            assertEquals(q > 0.0 && q < 1.0 ? 1 : 0, Rng.accepted(q), "q = " + q);
        }
    }

    @Test
    void reseedRestartsAsANewGenerator() {
        Rng a = new Rng(5);
        for (int i = 0; i < 7; i++) a.nextGaussian(); // leaves a spare normal behind
        for (long seed : new long[] {0, 99, -3}) {
            a.reseed(seed);
            Rng b = new Rng(seed);
            for (int i = 0; i < 50; i++) assertEquals(Double.doubleToRawLongBits(b.nextGaussian()), Double.doubleToRawLongBits(a.nextGaussian()));
            assertEquals(b.nextLong(), a.nextLong());
        }
    }
}
