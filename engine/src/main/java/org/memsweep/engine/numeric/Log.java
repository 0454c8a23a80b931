package org.memsweep.engine.numeric;

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
}
