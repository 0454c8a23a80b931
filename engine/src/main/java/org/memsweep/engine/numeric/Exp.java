package org.memsweep.engine.numeric;

/**
 * A deterministic and fast e^x for x ≤ 0, the range of the empirical MMSE's softmax weights
 * (science.md §3.2: w_p ∝ exp(−(‖y − x_p‖² − min)/(2σ²)), arguments ≤ 0).
 * <p>Why: {@link Math#exp} is an intrinsic whose bits may differ between the interpreter, the JIT
 * and CPUs, so a seed would not give the same row on every executor of a cluster; {@link StrictMath#exp}
 * (fdlibm, a native call on Java 17) is deterministic but costs most of an MMSE step. This version uses
 * only +, −, ×, {@link Math#rint} and bit operations, all exactly specified by the Java language
 * (strict IEEE 754 arithmetic, no fused multiply-add), so it gives the same bits on every JVM.
 * <p>Method: x = (64e + j)·ln2/64 + r with |r| ≤ ln2/128, e^x = 2^e · 2^{j/64} · e^r, the 64 table
 * values from {@link StrictMath#pow} and e^r by its degree-5 Taylor polynomial (truncation below
 * 3.5e−17 relative), ln2/64 split in two parts so the reduction is exact to ~1e−30.
 * Error against {@link StrictMath#exp}: at most 2 ulp over [−745, 0] (ExpTest measures it; the typical
 * difference is 0 or 1 ulp). Arguments below −745.2 give exactly 0, as StrictMath.exp does (such weights
 * underflow); 0 gives exactly 1; −∞ gives 0; NaN gives NaN.
 */
public final class Exp {
    private static final int BITS = 6, SIZE = 1 << BITS;
    private static final double[] TABLE = new double[SIZE];
    private static final double INV_STEP = SIZE / 0x1.62e42fefa39efp-1;
    // ln2/64 = STEP_HI + STEP_LO; STEP_HI keeps 25 significant bits so k·STEP_HI is exact for |k| < 2^28.
    private static final double STEP_HI, STEP_LO;
    /** Below this, e^x is 0 in double (StrictMath.exp returns 0 from −745.1332… down). */
    private static final double UNDERFLOW = -745.2;
    /** Below this, 2^e is subnormal: the result is scaled in two steps. */
    private static final double SUBNORMAL = -708.0;

    static {
        for (int j = 0; j < SIZE; j++) TABLE[j] = StrictMath.pow(2.0, j / (double) SIZE);
        double hi = 0x1.62e42fefa39efp-1 / SIZE, lo = 0x1.abc9e3b39803fp-56 / SIZE;
        double hiTrunc = Double.longBitsToDouble(Double.doubleToRawLongBits(hi) & 0xFFFFFFFFF0000000L);
        STEP_HI = hiTrunc;
        STEP_LO = (hi - hiTrunc) + lo;
    }

    private Exp() {}

    /** e^x for x ≤ 0 (x > 0 is not supported: it may overflow the exponent). Deterministic; no allocation. */
    public static double expNonPositive(double x) {
        if (x < UNDERFLOW) return 0.0;
        double kd = Math.rint(x * INV_STEP);
        int k = (int) kd;
        double r = (x - kd * STEP_HI) - kd * STEP_LO;
        double p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))));
        double m = TABLE[k & (SIZE - 1)] * p;
        int e = k >> BITS;
        if (x < SUBNORMAL) return m * Double.longBitsToDouble((long) (e + 1023 + 60) << 52) * 0x1.0p-60;
        return m * Double.longBitsToDouble((long) (e + 1023) << 52);
    }
}
