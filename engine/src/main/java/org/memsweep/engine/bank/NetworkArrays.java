package org.memsweep.engine.bank;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.denoiser.ReluNetwork;

/**
 * A {@link ReluNetwork} h(y) = Σ_k a_k [w_k·y + b_k]₊ + V y + c (science.md §1) as the flat arrays a
 * bank row stores: a and w unit-major (K × d), b (K), V row-major (d × d, empty when V = 0), c (d).
 * {@link #toNetwork} checks every length and every weight, since a bank row is read back from files.
 */
public record NetworkArrays(int d, int width, double[] a, double[] w, double[] b, double[] v, double[] c) implements java.io.Serializable {
    /** The arrays of a network (copies). */
    public static NetworkArrays of(ReluNetwork net) {
        int d = net.dimension(), k = net.width();
        double[][] skip = net.skip();
        return new NetworkArrays(d, k, flat(net.outputWeights(), d), flat(net.inputWeights(), d), net.biases(),
                skip == null ? new double[0] : flat(skip, d), net.offset());
    }

    private static double[] flat(double[][] rows, int d) {
        double[] f = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, f, i * d, d);
        return f;
    }

    /**
     * The network these arrays hold. A wrong length or a NaN/∞ weight is one
     * {@link InvalidParameterException} naming the bank entry ({@code key}) and the field.
     */
    public ReluNetwork toNetwork(String key) {
        String where = "bank entry " + key;
        if (d < 1) throw new InvalidParameterException(where + " field d", d, "an integer ≥ 1 (the dimension)");
        if (width < 1) throw new InvalidParameterException(where + " field width", width, "an integer ≥ 1 (hidden units K)");
        long kd = (long) width * d;
        check(where, "a", a, kd, "K·d = " + kd + " (K = " + width + ", d = " + d + ")");
        check(where, "w", w, kd, "K·d = " + kd + " (K = " + width + ", d = " + d + ")");
        check(where, "b", b, width, "K = " + width);
        if (v == null || v.length != 0) check(where, "v", v, (long) d * d, "d² = " + (long) d * d + " or 0 (no skip matrix)");
        check(where, "c", c, d, "d = " + d);
        double[][] skip = v.length == 0 ? null : rows(v, d, d);
        return new ReluNetwork(rows(a, width, d), rows(w, width, d), b, skip, c);
    }

    private static void check(String where, String field, double[] x, long length, String allowed) {
        if (x == null || x.length != length) {
            throw new InvalidParameterException(where + " field " + field, x == null ? "missing" : "an array of length " + x.length,
                    "an array of length " + allowed);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new InvalidParameterException(where + " field " + field, field + "[" + i + "] = " + x[i], "finite weights");
            }
        }
    }

    private static double[][] rows(double[] flat, int count, int d) {
        double[][] r = new double[count][];
        for (int i = 0; i < count; i++) r[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        return r;
    }
}
