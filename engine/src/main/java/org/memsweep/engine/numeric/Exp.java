package org.memsweep.engine.numeric;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

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
 * <p>{@link #expNonPositiveInPlace} is the same algorithm on the lanes of vectors (Java's
 * Vector API), the same bits lane by lane: Java 17's JIT does not vectorise the scalar version's table
 * lookup, and the empirical MMSE spends most of a step in it (README "Performance: bench").
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

    /** The vector shape of {@link #expNonPositiveInPlace}: the widest the CPU has. */
    public static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONG_SPECIES = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INDEX_SPECIES =
            VectorSpecies.of(int.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
    /** 1.5·2^52: for |y| < 2^51, (y + ROUND) − ROUND is y rounded to an integer, ties to even, as {@link Math#rint}. */
    private static final double ROUND = 0x1.8p52;
    private static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);

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

    /**
     * {@link #expNonPositive(double)} of x[0], …, x[count − 1], in place: whole vectors on the Vector API, the
     * tail scalar. Lane by lane the same operations in the same order as the scalar version, so the same bits
     * (ExpTest compares them); NaN gives NaN. {@code index} is scratch of at least {@code SPECIES.length()} ints
     * (the table gather reads its indices from an array). Cost: count exponentials, no allocation once the JIT
     * has compiled this method.
     * <p>Arrays in and out, not vectors, on purpose: a vector passed to or returned from a method C2 does not
     * inline is a heap object, and whether C2 inlines a method depends on what it compiled first (an already
     * compiled callee above its inlining size is left a call). Here every vector lives and dies in this one
     * method, so no compilation order can make it allocate. And every launch path keeps this method out of
     * its callers ({@code -XX:CompileCommand=dontinline}, deploy/conf/spark-jvm.args and pom.xml): inlined into
     * a big batch step, C2 can hit its node limit and leave the Vector API's operations as allocating calls.
     * Without the flag the bits are the same; only speed can suffer.
     */
    public static void expNonPositiveInPlace(double[] x, int count, int[] index) {
        int lanes = SPECIES.length(), whole = count - count % lanes;
        for (int b = 0; b < whole; b += lanes) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, b);
            VectorMask<Double> underflow = v.compare(VectorOperators.LT, UNDERFLOW);
            if (underflow.allTrue()) { // common at low noise (far points' weights): exactly the zeros computed below
                DoubleVector.zero(SPECIES).intoArray(x, b);
                continue;
            }
            // Lanes that underflow or are NaN are computed on 0 (so every table index and exponent is in range)
            // and replaced at the end, where the scalar version returns early.
            VectorMask<Double> live = v.compare(VectorOperators.GE, UNDERFLOW);
            DoubleVector xs = DoubleVector.zero(SPECIES).blend(v, live);
            // Math.rint has no lanewise operation in Java 17: for |y| < 2^51 (here |x·INV_STEP| < 7e4), y + ROUND
            // rounds y to an integer k, ties to even as rint, and holds k in its low bits (its bits are ROUND's + k);
            // the difference with rint is at most the sign of a zero k, which changes no result (x − ±0, and 2^0).
            DoubleVector shifted = xs.mul(INV_STEP).add(ROUND);
            DoubleVector kd = shifted.sub(ROUND);
            DoubleVector r = xs.sub(kd.mul(STEP_HI)).sub(kd.mul(STEP_LO));
            // 1 + r(1 + r(½ + r(1/6 + r(1/24 + r/120)))), innermost first; + and × commute exactly.
            DoubleVector p = r.mul(1.0 / 120).add(1.0 / 24).mul(r).add(1.0 / 6).mul(r).add(0.5).mul(r).add(1.0).mul(r).add(1.0);
            LongVector k = shifted.reinterpretAsLongs().sub(ROUND_BITS);
            ((IntVector) k.and(SIZE - 1).convertShape(VectorOperators.L2I, INDEX_SPECIES, 0)).intoArray(index, 0);
            DoubleVector m = DoubleVector.fromArray(SPECIES, TABLE, 0, index, 0).mul(p);
            VectorMask<Double> sub = v.compare(VectorOperators.LT, SUBNORMAL);
            LongVector bias = LongVector.broadcast(LONG_SPECIES, 1023).blend(1023 + 60, sub.cast(LONG_SPECIES));
            DoubleVector scale = k.lanewise(VectorOperators.ASHR, BITS).add(bias)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector e = m.mul(scale);
            e = e.blend(e.mul(0x1.0p-60), sub);
            e = e.blend(0.0, underflow);
            e.blend(v, v.test(VectorOperators.IS_NAN)).intoArray(x, b);
        }
        for (int b = whole; b < count; b++) x[b] = expNonPositive(x[b]);
    }
}
