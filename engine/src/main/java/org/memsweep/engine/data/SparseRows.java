package org.memsweep.engine.data;

/**
 * Rows of a matrix stored by their non-zero entries. Orthogonal, axis-aligned data have one
 * non-zero per edge, so products with them cost O(nnz) instead of O(width). Immutable.
 */
public final class SparseRows {
    // Compressed rows: row p's entries are col[start[p] … start[p+1]) and val[…], in column order; one flat
    // array each, so a product with a row of one entry (orthogonal data) is two loads, not two arrays' headers.
    private final int[] start;
    private final int[] col;
    private final double[] val;
    private final double[] normSq;

    /** Keeps the entries with |v| > relTol · max|row| (relTol = 0 keeps every non-zero). */
    public SparseRows(double[][] rows, double relTol) {
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
    }

    private SparseRows(int[] start, int[] col, double[] val, double[] normSq) {
        this.start = start;
        this.col = col;
        this.val = val;
        this.normSq = normSq;
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
        return new SparseRows(tStart, tCol, tVal, sq);
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
        int from = start[p], to = start[p + 1];
        double s = 0;
        for (int q = from; q < to; q++) s += x[col[q]] * val[q];
        return s;
    }

    /** row p · (x − shift). */
    public double dotShifted(int p, double[] x, double[] shift) {
        int from = start[p], to = start[p + 1];
        double s = 0;
        for (int q = from; q < to; q++) s += (x[col[q]] - shift[col[q]]) * val[q];
        return s;
    }

    /** row p · (x[off …] − shift): {@link #dotShifted} of the vector stored at x[off … off+width). */
    public double dotShiftedAt(int p, double[] x, int off, double[] shift) {
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
