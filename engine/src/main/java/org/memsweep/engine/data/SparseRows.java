package org.memsweep.engine.data;

/**
 * Rows of a matrix stored by their non-zero entries. Orthogonal, axis-aligned data have one
 * non-zero per edge, so products with them cost O(nnz) instead of O(width); when no row has more
 * than one entry (such data's subspace basis, its transpose and the points' coordinates, science.md
 * §2 and §4), {@link #dot}, {@link #dotShifted} and {@link #dotShiftedAt} skip the compressed-row loop
 * and give the same bits. Immutable.
 */
public final class SparseRows {
    // Compressed rows: row p's entries are col[start[p] … start[p+1]) and val[…], in column order; one flat
    // array each, so a product with a row of one entry (orthogonal data) is two loads, not two arrays' headers.
    private final int[] start;
    private final int[] col;
    private final double[] val;
    private final double[] normSq;
    /**
     * When every row has at most one stored entry: row p's entry is oneVal[p] at column oneCol[p] (−1: the row
     * is empty); null otherwise. A product with such a row is then 0.0 + x·v (the general loop's s = 0; s += x·v,
     * which turns −0 into +0) or +0, with no loop, no start[p], start[p+1] and two dependent loads less: the
     * per-trajectory split, join and ranking of axis-aligned data spend more on those than on the arithmetic.
     */
    private final int[] oneCol;
    private final double[] oneVal;
    /** Whether the one-entry products are used where they apply (also by the transpose). */
    private final boolean oneEntryPaths;

    /** Keeps the entries with |v| > relTol · max|row| (relTol = 0 keeps every non-zero). */
    public SparseRows(double[][] rows, double relTol) {
        this(rows, relTol, true);
    }

    /** @param oneEntryPaths use the one-entry products where they apply (false: tests compare both paths) */
    SparseRows(double[][] rows, double relTol, boolean oneEntryPaths) {
        int n = rows.length;
        start = new int[n + 1];
        normSq = new double[n];
        for (int p = 0; p < n; p++) {
            double max = 0, sq = 0;
            for (double v : rows[p]) {
                max = Math.max(max, Math.abs(v));
                sq += v * v;
            }
            normSq[p] = sq;
            int nnz = 0;
            for (double v : rows[p]) if (v != 0 && Math.abs(v) > relTol * max) nnz++;
            start[p + 1] = start[p] + nnz;
        }
        col = new int[start[n]];
        val = new double[start[n]];
        for (int p = 0; p < n; p++) {
            double max = 0;
            for (double v : rows[p]) max = Math.max(max, Math.abs(v));
            for (int j = 0, q = start[p]; j < rows[p].length; j++) {
                double v = rows[p][j];
                if (v != 0 && Math.abs(v) > relTol * max) {
                    col[q] = j;
                    val[q++] = v;
                }
            }
        }
        this.oneEntryPaths = oneEntryPaths;
        oneCol = oneEntryPaths ? oneColumns(start, col) : null;
        oneVal = oneValues(oneCol, start, val);
    }

    private SparseRows(int[] start, int[] col, double[] val, double[] normSq, boolean oneEntryPaths) {
        this.start = start;
        this.col = col;
        this.val = val;
        this.normSq = normSq;
        this.oneEntryPaths = oneEntryPaths;
        this.oneCol = oneEntryPaths ? oneColumns(start, col) : null;
        this.oneVal = oneValues(oneCol, start, val);
    }

    /** Row p's one column (−1: none) for every p if no row has two entries; else null. */
    private static int[] oneColumns(int[] start, int[] col) {
        int[] one = new int[start.length - 1];
        for (int p = 0; p < one.length; p++) {
            int nnz = start[p + 1] - start[p];
            if (nnz > 1) return null;
            one[p] = nnz == 0 ? -1 : col[start[p]];
        }
        return one;
    }

    /** The values that go with {@link #oneColumns} (0 for an empty row, never read); null with it. */
    private static double[] oneValues(int[] oneCol, int[] start, double[] val) {
        if (oneCol == null) return null;
        double[] one = new double[oneCol.length];
        for (int p = 0; p < one.length; p++) one[p] = oneCol[p] < 0 ? 0.0 : val[start[p]];
        return one;
    }

    /** The transpose, as rows of length {@code rows()} (one per column index < width). O(nnz + width). */
    public SparseRows transpose(int width) {
        int rows = start.length - 1;
        int[] tStart = new int[width + 1];
        for (int q = 0; q < col.length; q++) tStart[col[q] + 1]++;
        for (int i = 0; i < width; i++) tStart[i + 1] += tStart[i];
        int[] tCol = new int[col.length];
        double[] tVal = new double[col.length];
        int[] fill = java.util.Arrays.copyOf(tStart, width);
        double[] sq = new double[width];
        for (int p = 0; p < rows; p++) {
            for (int q = start[p]; q < start[p + 1]; q++) {
                int i = col[q];
                tCol[fill[i]] = p;
                tVal[fill[i]++] = val[q];
                sq[i] += val[q] * val[q];
            }
        }
        return new SparseRows(tStart, tCol, tVal, sq, oneEntryPaths);
    }

    /** Stored entries of row p. */
    public int nonZeros(int p) {
        return start[p + 1] - start[p];
    }

    public int rows() {
        return start.length - 1;
    }

    /** ‖row p‖² (of the full row, before dropping). */
    public double normSq(int p) {
        return normSq[p];
    }

    /** row p · x. */
    public double dot(int p, double[] x) {
        if (oneCol != null) {
            int c = oneCol[p];
            return c < 0 ? 0.0 : 0.0 + x[c] * oneVal[p];
        }
        int from = start[p], to = start[p + 1];
        double s = 0;
        for (int q = from; q < to; q++) s += x[col[q]] * val[q];
        return s;
    }

    /** row p · (x − shift). */
    public double dotShifted(int p, double[] x, double[] shift) {
        if (oneCol != null) {
            int c = oneCol[p];
            return c < 0 ? 0.0 : 0.0 + (x[c] - shift[c]) * oneVal[p];
        }
        int from = start[p], to = start[p + 1];
        double s = 0;
        for (int q = from; q < to; q++) s += (x[col[q]] - shift[col[q]]) * val[q];
        return s;
    }

    /** row p · (x[off …] − shift): {@link #dotShifted} of the vector stored at x[off … off+width). */
    public double dotShiftedAt(int p, double[] x, int off, double[] shift) {
        if (oneCol != null) {
            int c = oneCol[p];
            return c < 0 ? 0.0 : 0.0 + (x[off + c] - shift[c]) * oneVal[p];
        }
        int from = start[p], to = start[p + 1];
        double s = 0;
        for (int q = from; q < to; q++) s += (x[off + col[q]] - shift[col[q]]) * val[q];
        return s;
    }

    /** ‖z − row p‖² over every entry of z (length ≥ the row's width), in index order. O(length of z). */
    public double distSq(int p, double[] z) {
        int from = start[p], to = start[p + 1];
        double s = 0;
        for (int j = 0, q = from; j < z.length; j++) {
            double t = z[j];
            if (q < to && col[q] == j) t -= val[q++];
            s += t * t;
        }
        return s;
    }

    /** max_j |z_j − (row p)_j| over every entry of z. O(length of z). */
    public double linfDist(int p, double[] z) {
        int from = start[p], to = start[p + 1];
        double m = 0;
        for (int j = 0, q = from; j < z.length; j++) {
            double t = z[j];
            if (q < to && col[q] == j) t -= val[q++];
            m = Math.max(m, Math.abs(t));
        }
        return m;
    }

    /** row p · x / scale, dividing each used entry of x first (keeps huge x finite). */
    public double dotScaled(int p, double[] x, double scale) {
        int from = start[p], to = start[p + 1];
        double s = 0;
        for (int q = from; q < to; q++) s += (x[col[q]] / scale) * val[q];
        return s;
    }

    /** y += a · row p. */
    public void addTo(int p, double a, double[] y) {
        int from = start[p], to = start[p + 1];
        for (int q = from; q < to; q++) y[col[q]] += a * val[q];
    }

    /**
     * {@link #dotScaled} for a batch stored one array per coordinate: acc[b] = row p · x_b / scale[b] with
     * x_b's entry i at {@code x[i][b]}, b < count. Each acc[b] is summed in the same order, with the same
     * operations, as {@code dotScaled(p, x_b, scale[b])}: the same bits. (Arrays that share their index are
     * what the JIT vectorises.)
     */
    public void dotScaledBatch(int p, double[][] x, int count, double[] scale, double[] acc) {
        int from = start[p], to = start[p + 1];
        java.util.Arrays.fill(acc, 0, count, 0.0);
        for (int q = from; q < to; q++) {
            double[] xi = x[col[q]];
            double v = val[q];
            for (int b = 0; b < count; b++) acc[b] += (xi[b] / scale[b]) * v;
        }
    }

    /** y_b += a[b] · row p for every b < count, y stored one array per coordinate (see {@link #dotScaledBatch}). */
    public void addToBatch(int p, double[] a, double[][] y, int count) {
        int from = start[p], to = start[p + 1];
        for (int q = from; q < to; q++) {
            double[] yi = y[col[q]];
            double v = val[q];
            for (int b = 0; b < count; b++) yi[b] += a[b] * v;
        }
    }
}
