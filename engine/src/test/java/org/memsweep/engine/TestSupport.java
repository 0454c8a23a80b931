package org.memsweep.engine;

import static org.memsweep.engine.Vectors.norm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.function.Executable;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.data.TrainingSets;

/** Small helpers shared by the engine tests: data sets, vector arithmetic, the invalid-parameter check. */
public final class TestSupport {
    private TestSupport() {}

    public static TrainingSet data(DatasetKind kind, int n, int d, double kappa, Norms norms, boolean rotate, long seed) {
        return TrainingSets.generate(new DatasetSpec(kind, n, d, kappa, norms, rotate), seed);
    }

    public static TrainingSet orthogonal(int n, int d) {
        return data(DatasetKind.ORTHOGONAL, n, d, 0, Norms.fixed(1), false, 1);
    }


    public static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }

    public static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length, "lengths");
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double t = Math.abs(a[i] - b[i]);
            if (!(t <= m)) m = t; // NaN propagates
        }
        return m;
    }

    public static double linf(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** A number as {@link InvalidParameterException} renders it: integral values without ".0". */
    public static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    public static double[] gaussian(Random r, int d, double scale) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) v[i] = scale * r.nextGaussian();
        return v;
    }

    public static double[] unit(Random r, int d) {
        double[] v = gaussian(r, d, 1);
        double n = norm(v);
        for (int i = 0; i < d; i++) v[i] /= n;
        return v;
    }

    /** a + f·b. */
    public static double[] axpy(double[] a, double f, double[] b) {
        double[] o = a.clone();
        for (int i = 0; i < o.length; i++) o[i] += f * b[i];
        return o;
    }

    /** x₀ + Σ β_n e_n for a hyperbox data set. */
    public static double[] boxPoint(TrainingSet data, double... beta) {
        double[] y = data.copyOfApex();
        double[][] e = data.edges();
        for (int n = 0; n < beta.length; n++) y = axpy(y, beta[n], e[n]);
        return y;
    }

    public static void assertClose(double[] expected, double[] actual, double tol, String what) {
        double diff = maxAbsDiff(expected, actual);
        assertTrue(diff <= tol, () -> what + ": max |difference| = " + diff + " > " + tol
                + "\n expected " + java.util.Arrays.toString(expected) + "\n actual   " + java.util.Arrays.toString(actual));
    }

    /**
     * Asserts that {@code action} throws an {@link InvalidParameterException} for {@code parameter}
     * whose message names the parameter, contains {@code valueText} and every {@code rangeHint}.
     */
    public static InvalidParameterException assertInvalid(String parameter, String valueText, Executable action,
                                                          String... rangeHints) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, action,
                () -> "expected InvalidParameterException for " + parameter + " = " + valueText);
        assertEquals(parameter, e.parameter(), () -> "parameter() of: " + e.getMessage());
        String msg = e.getMessage();
        assertTrue(msg.startsWith(parameter + " = "), () -> "message should name " + parameter + ": " + msg);
        assertTrue(msg.contains(valueText), () -> "message should contain the value " + valueText + ": " + msg);
        int sep = msg.indexOf(" is not allowed: ");
        assertTrue(sep > 0 && msg.length() > sep + " is not allowed: ".length() + 3,
                () -> "message should state what is allowed: " + msg);
        for (String hint : rangeHints) {
            assertTrue(msg.contains(hint), () -> "message should mention '" + hint + "': " + msg);
        }
        return e;
    }

    /**
     * Points as a structure-of-arrays batch (coordinate i of point b at i·stride + b); the columns
     * from count to stride hold NaN, so a batch method that reads beyond its count shows it.
     */
    public static double[] soa(java.util.List<double[]> points, int stride) {
        int len = points.get(0).length;
        double[] m = new double[len * stride];
        java.util.Arrays.fill(m, Double.NaN);
        for (int b = 0; b < points.size(); b++) for (int i = 0; i < len; i++) m[i * stride + b] = points.get(b)[i];
        return m;
    }

    /** Column b (length len) of a structure-of-arrays batch. */
    public static double[] column(double[] soa, int b, int stride, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) v[i] = soa[i * stride + b];
        return v;
    }

    /** Equal bit for bit (−0 ≠ +0, NaN payloads compared). */
    public static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": lengths");
        for (int i = 0; i < expected.length; i++) {
            int k = i;
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    () -> what + ": entry " + k + " is " + actual[k] + ", expected the bits of " + expected[k]);
        }
    }
}
