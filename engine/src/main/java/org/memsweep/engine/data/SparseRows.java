package org.memsweep.engine.data;

/**
 * Rows of a matrix stored by their non-zero entries. Orthogonal, axis-aligned data have one
 * non-zero per edge, so products with them cost O(nnz) instead of O(width). Immutable.
 */
public final class SparseRows {
    private final int[][] idx;
    private final double[][] val;
    private final double[] normSq;

    /** Keeps the entries with |v| > relTol · max|row| (relTol = 0 keeps every non-zero). */
    public SparseRows(double[][] rows, double relTol) {
        int n = rows.length;
        idx = new int[n][];
        val = new double[n][];
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
            idx[p] = new int[nnz];
            val[p] = new double[nnz];
            for (int j = 0, q = 0; j < rows[p].length; j++) {
                double v = rows[p][j];
                if (v != 0 && Math.abs(v) > relTol * max) {
                    idx[p][q] = j;
                    val[p][q++] = v;
                }
            }
        }
    }

    private SparseRows(int[][] idx, double[][] val, double[] normSq) {
        this.idx = idx;
        this.val = val;
        this.normSq = normSq;
    }

    /** The transpose, as rows of length {@code rows()} (one per column index < width). O(nnz + width). */
    public SparseRows transpose(int width) {
        int[] count = new int[width];
        for (int[] ip : idx) for (int i : ip) count[i]++;
        int[][] ti = new int[width][];
        double[][] tv = new double[width][];
        for (int i = 0; i < width; i++) {
            ti[i] = new int[count[i]];
            tv[i] = new double[count[i]];
        }
        int[] fill = new int[width];
        double[] sq = new double[width];
        for (int p = 0; p < idx.length; p++) {
            for (int q = 0; q < idx[p].length; q++) {
                int i = idx[p][q];
                ti[i][fill[i]] = p;
                tv[i][fill[i]++] = val[p][q];
                sq[i] += val[p][q] * val[p][q];
            }
        }
        return new SparseRows(ti, tv, sq);
    }

    /** Stored entries of row p. */
    public int nonZeros(int p) {
        return idx[p].length;
    }

    public int rows() {
        return idx.length;
    }

    /** ‖row p‖² (of the full row, before dropping). */
    public double normSq(int p) {
        return normSq[p];
    }

    /** row p · x. */
    public double dot(int p, double[] x) {
        int[] ip = idx[p];
        double[] vp = val[p];
        double s = 0;
        for (int q = 0; q < ip.length; q++) s += x[ip[q]] * vp[q];
        return s;
    }

    /** row p · (x − shift). */
    public double dotShifted(int p, double[] x, double[] shift) {
        int[] ip = idx[p];
        double[] vp = val[p];
        double s = 0;
        for (int q = 0; q < ip.length; q++) s += (x[ip[q]] - shift[ip[q]]) * vp[q];
        return s;
    }

    /** row p · (x[off …] − shift): {@link #dotShifted} of the vector stored at x[off … off+width). */
    public double dotShiftedAt(int p, double[] x, int off, double[] shift) {
        int[] ip = idx[p];
        double[] vp = val[p];
        double s = 0;
        for (int q = 0; q < ip.length; q++) s += (x[off + ip[q]] - shift[ip[q]]) * vp[q];
        return s;
    }

    /** ‖z − row p‖² over every entry of z (length ≥ the row's width), in index order. O(length of z). */
    public double distSq(int p, double[] z) {
        int[] ip = idx[p];
        double[] vp = val[p];
        double s = 0;
        for (int j = 0, q = 0; j < z.length; j++) {
            double t = z[j];
            if (q < ip.length && ip[q] == j) t -= vp[q++];
            s += t * t;
        }
        return s;
    }

    /** max_j |z_j − (row p)_j| over every entry of z. O(length of z). */
    public double linfDist(int p, double[] z) {
        int[] ip = idx[p];
        double[] vp = val[p];
        double m = 0;
        for (int j = 0, q = 0; j < z.length; j++) {
            double t = z[j];
            if (q < ip.length && ip[q] == j) t -= vp[q++];
            m = Math.max(m, Math.abs(t));
        }
        return m;
    }

    /** row p · x / scale, dividing each used entry of x first (keeps huge x finite). */
    public double dotScaled(int p, double[] x, double scale) {
        int[] ip = idx[p];
        double[] vp = val[p];
        double s = 0;
        for (int q = 0; q < ip.length; q++) s += (x[ip[q]] / scale) * vp[q];
        return s;
    }

    /** y += a · row p. */
    public void addTo(int p, double a, double[] y) {
        int[] ip = idx[p];
        double[] vp = val[p];
        for (int q = 0; q < ip.length; q++) y[ip[q]] += a * vp[q];
    }

    /**
     * {@link #dotScaled} for a batch stored one array per coordinate: acc[b] = row p · x_b / scale[b] with
     * x_b's entry i at {@code x[i][b]}, b < count. Each acc[b] is summed in the same order, with the same
     * operations, as {@code dotScaled(p, x_b, scale[b])}: the same bits. (Arrays that share their index are
     * what the JIT vectorises.)
     */
    public void dotScaledBatch(int p, double[][] x, int count, double[] scale, double[] acc) {
        int[] ip = idx[p];
        double[] vp = val[p];
        java.util.Arrays.fill(acc, 0, count, 0.0);
        for (int q = 0; q < ip.length; q++) {
            double[] xi = x[ip[q]];
            double v = vp[q];
            for (int b = 0; b < count; b++) acc[b] += (xi[b] / scale[b]) * v;
        }
    }

    /** y_b += a[b] · row p for every b < count, y stored one array per coordinate (see {@link #dotScaledBatch}). */
    public void addToBatch(int p, double[] a, double[][] y, int count) {
        int[] ip = idx[p];
        double[] vp = val[p];
        for (int q = 0; q < ip.length; q++) {
            double[] yi = y[ip[q]];
            double v = vp[q];
            for (int b = 0; b < count; b++) yi[b] += a[b] * v;
        }
    }
}
