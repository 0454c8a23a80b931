package org.memsweep.engine.numeric;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The natural logarithm with exactly the bits of {@link StrictMath#log}, in Java: the start sampler's polar
 * method takes one log per pair of normals (science.md §4.1, every start is d normals), and on Java 17
 * StrictMath.log is a native call costing about as much as the rest of the pair.
 * <p>Method: fdlibm 5.3's {@code __ieee754_log} (e_log.c), the algorithm StrictMath specifies and the one
 * Java 21 itself ports to Java (FdLibm.Log): x = 2^k (1 + f) with √2/2 ≤ 1 + f &lt; √2, s = f/(2 + f),
 * log(1 + f) = f − s(f − R(s²)) with a degree-14 minimax R, and k·ln2 in two parts. It uses only +, −, ×, ÷
 * and bit operations, all exactly specified in Java (strict IEEE 754, no fused multiply-add), so it gives
 * fdlibm's bits on every JVM. Zero, negative, subnormal, infinite and NaN arguments go to StrictMath.log
 * itself (none occur in sampling: the polar method's s lies in (0, 1)). LogTest compares bits with
 * StrictMath.log over random arguments of every binade and the branches' edges.
 * <p>{@link #log(double[], double[], int)} is the same algorithm on the lanes of vectors (Java's Vector API), the
 * same bits lane by lane: each of the four ways the scalar version can end is computed and the lane's own is
 * kept; a vector with a lane that takes another path (|f| &lt; 2^−20, or an argument StrictMath handles) goes
 * through the scalar version whole.
 */
public final class Log {
    private static final double LN2_HI = Double.longBitsToDouble(0x3fe62e42fee00000L); // 6.93147180369123816490e-01
    private static final double LN2_LO = Double.longBitsToDouble(0x3dea39ef35793c76L); // 1.90821492927058770002e-10
    private static final double LG1 = Double.longBitsToDouble(0x3fe5555555555593L); // 6.666666666666735130e-01
    private static final double LG2 = Double.longBitsToDouble(0x3fd999999997fa04L); // 3.999999999940941908e-01
    private static final double LG3 = Double.longBitsToDouble(0x3fd2492494229359L); // 2.857142874366239149e-01
    private static final double LG4 = Double.longBitsToDouble(0x3fcc71c51d8e78afL); // 2.222219843214978396e-01
    private static final double LG5 = Double.longBitsToDouble(0x3fc7466496cb03deL); // 1.818357216161805012e-01
    private static final double LG6 = Double.longBitsToDouble(0x3fc39a09d078c69fL); // 1.531383769920937332e-01
    private static final double LG7 = Double.longBitsToDouble(0x3fc2f112df3e5244L); // 1.479819860511658591e-01

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONG_SPECIES = LongVector.SPECIES_PREFERRED;

    private Log() {}

    /** log(x), the same bits as {@link StrictMath#log}(x) for every x. No allocation. */
    public static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >> 32);
        if (hx < 0x00100000 || hx >= 0x7ff00000) return StrictMath.log(x); // ≤ 0, subnormal, ∞, NaN
        int k = (hx >> 20) - 1023;
        hx &= 0x000fffff;
        int i = (hx + 0x95f64) & 0x100000;
        // normalize x or x/2: the high word's exponent becomes 0x3ff or 0x3fe, the low word stays
        x = Double.longBitsToDouble(((long) (hx | (i ^ 0x3ff00000)) << 32) | (bits & 0xffffffffL));
        k += i >> 20;
        double f = x - 1.0;
        if ((0x000fffff & (2 + hx)) < 3) { // |f| < 2^-20
            if (f == 0.0) {
                if (k == 0) return 0.0;
                double dk = k;
                return dk * LN2_HI + dk * LN2_LO;
            }
            double r = f * f * (0.5 - 0.33333333333333333 * f);
            if (k == 0) return f - r;
            double dk = k;
            return dk * LN2_HI - ((r - dk * LN2_LO) - f);
        }
        double s = f / (2.0 + f);
        double dk = k;
        double z = s * s;
        int ii = hx - 0x6147a;
        double w = z * z;
        int j = 0x6b851 - hx;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        ii |= j;
        double r = t2 + t1;
        if (ii > 0) {
            double hfsq = 0.5 * f * f;
            if (k == 0) return f - (hfsq - s * (hfsq + r));
            return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
        }
        if (k == 0) return f - s * (f - r);
        return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
    }

    /**
     * out[i] = {@link #log(double)}(x[i]) for i &lt; count, the same bits; out may be x. Whole vectors on the Vector
     * API, the tail scalar. Arrays in and out, so no vector crosses a method (see {@link Exp#expNonPositiveInPlace}).
     * Cost: count logarithms; no allocation once the JIT has compiled this method.
     */
    public static void log(double[] x, double[] out, int count) {
        int lanes = SPECIES.length(), whole = count - count % lanes;
        for (int b = 0; b < whole; b += lanes) {
            DoubleVector xv = DoubleVector.fromArray(SPECIES, x, b);
            LongVector bits = xv.reinterpretAsLongs();
            LongVector hx0 = bits.lanewise(VectorOperators.ASHR, 32); // the high word, sign-extended as an int
            LongVector hx = hx0.and(0x000fffffL);
            // the scalar version's other paths: x ≤ 0, subnormal, ∞ or NaN; and |f| < 2^-20
            VectorMask<Long> other = hx0.compare(VectorOperators.LT, 0x00100000L)
                    .or(hx0.compare(VectorOperators.GE, 0x7ff00000L))
                    .or(hx.add(2).and(0x000fffffL).compare(VectorOperators.LT, 3));
            if (other.anyTrue()) {
                for (int i = b; i < b + lanes; i++) out[i] = log(x[i]);
                continue;
            }
            LongVector i = hx.add(0x95f64).and(0x100000L);
            LongVector k = hx0.lanewise(VectorOperators.ASHR, 20).sub(1023).add(i.lanewise(VectorOperators.ASHR, 20));
            DoubleVector xn = hx.or(i.lanewise(VectorOperators.XOR, 0x3ff00000L)).lanewise(VectorOperators.LSHL, 32)
                    .or(bits.and(0xffffffffL)).reinterpretAsDoubles();
            DoubleVector f = xn.sub(1.0);
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector dk = (DoubleVector) k.convert(VectorOperators.L2D, 0);
            DoubleVector z = s.mul(s);
            DoubleVector w = z.mul(z);
            DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
            DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
            VectorMask<Double> positive = hx.sub(0x6147aL).or(LongVector.broadcast(LONG_SPECIES, 0x6b851L).sub(hx))
                    .compare(VectorOperators.GT, 0).cast(SPECIES);
            VectorMask<Double> k0 = k.compare(VectorOperators.EQ, 0).cast(SPECIES);
            DoubleVector r = t2.add(t1);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector sHr = s.mul(hfsq.add(r)), sFr = s.mul(f.sub(r));
            DoubleVector hi = dk.mul(LN2_HI), lo = dk.mul(LN2_LO);
            DoubleVector pos0 = f.sub(hfsq.sub(sHr));
            DoubleVector posK = hi.sub(hfsq.sub(sHr.add(lo)).sub(f));
            DoubleVector neg0 = f.sub(sFr);
            DoubleVector negK = hi.sub(sFr.sub(lo).sub(f));
            negK.blend(neg0, k0).blend(posK.blend(pos0, k0), positive).intoArray(out, b);
        }
        for (int i = whole; i < count; i++) out[i] = log(x[i]);
    }
}
