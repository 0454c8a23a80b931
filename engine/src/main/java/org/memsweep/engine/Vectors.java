package org.memsweep.engine;

/** Small dense vector helpers shared by the engine's set-up code (not its hot loops). */
public final class Vectors {
    private Vectors() {}

    /** a·b. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** ‖a‖₂. */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** f·a, a new array. */
    public static double[] scaled(double[] a, double f) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) o[i] = f * a[i];
        return o;
    }
}
