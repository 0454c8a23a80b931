package org.memsweep.engine.data;

/**
 * An affine subspace {@code origin + span(q_1 … q_r)} of R^d with orthonormal q_j, and the split
 * of a point y into coordinates z_j = q_j·(y − origin) and a perpendicular part
 * y⊥ = (y − origin) − Σ z_j q_j. Denoisers whose output lies in the subspace and that depend on y
 * only through z let a flow integrate r numbers instead of d (science.md §4; the perpendicular
 * part obeys a linear equation that is solved exactly). The basis is kept by its non-zeros (rows
 * and columns), so each split or join costs O(d + nnz(Q)): O(d) for axis-aligned data, O(r·d) for
 * rotated data. For axis-aligned data (one entry per basis vector and per coordinate) the products
 * take {@link SparseRows}' one-entry paths, with the general loops' bits. Immutable.
 */
public final class Subspace {
    private final int d;
    private final int r;
    private final double[] origin;
    private final SparseRows rows; // q_j, r rows of length d
    private final SparseRows cols; // the transpose: d rows of length r
    /**
     * The coordinates some basis vector touches, in order, when that is not all of them (sparse bases, e.g.
     * axis-aligned data); null otherwise. Off these, Σ_j (q_j)_i z_j is +0, so splitting and joining a point
     * go over every coordinate in a loop the JIT vectorises and then over these alone.
     */
    private final int[] touched;

    /** @param basis orthonormal rows q_j (copied) */
    public Subspace(double[] origin, double[][] basis) {
        this(origin, basis, true);
    }

    /** @param oneEntryPaths as in {@link SparseRows}: false makes tests' reference of the general loops */
    Subspace(double[] origin, double[][] basis, boolean oneEntryPaths) {
        this.d = origin.length;
        this.r = basis.length;
        this.origin = origin.clone();
        this.rows = new SparseRows(basis, 0.0, oneEntryPaths);
        this.cols = rows.transpose(d);
        int[] t = java.util.stream.IntStream.range(0, d).filter(i -> cols.nonZeros(i) > 0).toArray();
        this.touched = t.length < d ? t : null;
    }

    /** The whole space with the standard basis: coordinates are y itself. */
    public static Subspace ambient(int d) {
        double[][] id = new double[d][d];
        for (int i = 0; i < d; i++) id[i][i] = 1.0;
        return new Subspace(new double[d], id);
    }

    /**
     * Whether every basis vector is ± a coordinate axis (axis-aligned data). Then y − origin has the entries
     * ±z_j on the basis axes and y⊥ on the others, so ‖y − x‖∞ of two points is the larger of ‖z − z'‖∞ and
     * ‖y⊥ − y'⊥‖∞: L∞ distances need no ambient vector.
     */
    public boolean isAxisAligned() {
        double[] ones = ones();
        for (int j = 0; j < r; j++) {
            // ±1 to rounding (a unit edge direction e_n/L_n may be 1 − 1ulp along its axis)
            if (rows.nonZeros(j) != 1 || Math.abs(Math.abs(rows.dot(j, ones)) - 1.0) > 1e-12) return false;
        }
        return true;
    }

    private double[] ones() {
        double[] o = new double[d];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }

    public int ambientDimension() {
        return d;
    }

    public int dimension() {
        return r;
    }

    public double[] origin() {
        return origin.clone();
    }

    /** Basis vector j (a copy). */
    public double[] basisVector(int j) {
        double[] q = new double[d];
        rows.addTo(j, 1.0, q);
        return q;
    }

    /** z = Qᵀ-coordinates of y; perp (length d, may be null) = the part of y − origin outside the span. */
    public void split(double[] y, double[] z, double[] perp) {
        for (int j = 0; j < r; j++) z[j] = rows.dotShifted(j, y, origin);
        if (perp != null) {
            for (int i = 0; i < d; i++) perp[i] = y[i] - origin[i] - cols.dot(i, z);
        }
    }

    /** {@link #split} of the point at y[yOff … yOff+d) with its perpendicular part to perp[pOff …): the same bits. */
    public void splitRow(double[] y, int yOff, double[] z, double[] perp, int pOff) {
        for (int j = 0; j < r; j++) z[j] = rows.dotShiftedAt(j, y, yOff, origin);
        if (touched == null) {
            for (int i = 0; i < d; i++) perp[pOff + i] = y[yOff + i] - origin[i] - cols.dot(i, z);
            return;
        }
        // the basis' part is +0 off the touched coordinates (see touched)
        for (int i = 0; i < d; i++) perp[pOff + i] = y[yOff + i] - origin[i] - 0.0;
        for (int i : touched) perp[pOff + i] = y[yOff + i] - origin[i] - cols.dot(i, z);
    }

    /** {@link #join} with perp read from perp[pOff …) and y written to y[yOff …): the same bits. */
    public void joinRow(double[] z, double[] perp, int pOff, double perpScale, double[] y, int yOff) {
        if (touched == null) {
            for (int i = 0; i < d; i++) y[yOff + i] = origin[i] + perpScale * perp[pOff + i] + cols.dot(i, z);
            return;
        }
        for (int i = 0; i < d; i++) y[yOff + i] = origin[i] + perpScale * perp[pOff + i] + 0.0;
        for (int i : touched) y[yOff + i] = origin[i] + perpScale * perp[pOff + i] + cols.dot(i, z);
    }

    /** y = origin + Σ z_j q_j + perpScale · perp (perp may be null). */
    public void join(double[] z, double[] perp, double perpScale, double[] y) {
        for (int i = 0; i < d; i++) y[i] = origin[i] + (perp == null ? 0.0 : perpScale * perp[i]) + cols.dot(i, z);
    }

    /** Coordinates of a vector v (no origin shift): q_j·v. */
    public void coordinatesOfVector(double[] v, double[] z) {
        for (int j = 0; j < r; j++) z[j] = rows.dot(j, v);
    }

    /** ‖Σ w_j q_j + pScale · p‖_∞ for a vector given by coordinates w and an ambient part p (may be null). */
    public double linfOf(double[] w, double[] p, double pScale) {
        return linfOf(w, p, 0, pScale);
    }

    /** The same with p stored at p[pOff … pOff+d). */
    public double linfOf(double[] w, double[] p, int pOff, double pScale) {
        double m = 0;
        for (int i = 0; i < d; i++) {
            double s = (p == null ? 0.0 : pScale * p[pOff + i]) + cols.dot(i, w);
            m = Math.max(m, Math.abs(s));
        }
        return m;
    }
}
