package org.memsweep.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.memsweep.engine.Vectors;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;

class SparseRowsTest {
    @Test
    void productsMatchDenseRows() {
        Random r = new Random(3);
        double[][] rows = new double[5][8];
        for (double[] row : rows) for (int j = 0; j < 8; j++) row[j] = r.nextInt(3) == 0 ? r.nextGaussian() : 0.0;
        SparseRows s = new SparseRows(rows, 0.0);
        assertEquals(5, s.rows());
        double[] x = TestSupport.gaussian(r, 8, 2);
        for (int p = 0; p < 5; p++) {
            assertEquals(Vectors.dot(rows[p], x), s.dot(p, x), 1e-14);
            assertEquals(Vectors.dot(rows[p], rows[p]), s.normSq(p), 1e-14);
            assertEquals(Vectors.dot(rows[p], x) / 7.0, s.dotScaled(p, x, 7.0), 1e-14);
            double[] y = x.clone();
            s.addTo(p, -1.5, y);
            assertArrayEquals(TestSupport.axpy(x, -1.5, rows[p]), y, 1e-14);
        }
    }

    @Test
    void dropsRoundingNoiseButKeepsItsNorm() {
        double[][] rows = {{1.0, 1e-16, 0.0, -2.0}, {0.0, 0.0, 0.0, 0.0}};
        SparseRows s = new SparseRows(rows, 1e-14);
        double[] x = {1, 1e10, 1, 1};
        assertEquals(1.0 - 2.0, s.dot(0, x), 0.0, "the 1e-16 entry is below 1e-14 of the row's largest and dropped");
        assertEquals(1.0 + 1e-32 + 4.0, s.normSq(0), 0.0);
        assertEquals(0.0, s.dot(1, x));
        assertEquals(1.0 + 1e-16 * 1e10 - 2.0, new SparseRows(rows, 0.0).dot(0, x), 1e-15, "relTol 0 keeps every non-zero");
    }

    @Test
    void dotScaledStaysFiniteForHugeVectors() {
        SparseRows s = new SparseRows(new double[][] {{1, 1}}, 0);
        double[] x = {1e308, 1e308};
        assertEquals(Double.POSITIVE_INFINITY, s.dot(0, x));
        assertEquals(2.0, s.dotScaled(0, x, 1e308), 1e-15);
    }

    @Test
    void batchProductsGiveEachColumnTheSingleBits() {
        Random r = new Random(4);
        double[][] rows = new double[4][9];
        for (double[] row : rows) for (int j = 0; j < row.length; j++) row[j] = j % 3 == 1 ? 0 : r.nextGaussian();
        SparseRows s = new SparseRows(rows, 0.0);
        int count = 5;
        java.util.List<double[]> xs = new java.util.ArrayList<>();
        double[] scale = new double[count], wts = new double[count];
        for (int b = 0; b < count; b++) {
            xs.add(org.memsweep.engine.TestSupport.gaussian(r, 9, 1e3));
            scale[b] = 1 + 10 * r.nextDouble();
            wts[b] = b == 2 ? 0.0 : r.nextGaussian();
        }
        double[][] x = new double[9][count + 2];
        for (int b = 0; b < count; b++) for (int i = 0; i < 9; i++) x[i][b] = xs.get(b)[i];
        double[] acc = new double[count];
        for (int p = 0; p < rows.length; p++) {
            s.dotScaledBatch(p, x, count, scale, acc);
            for (int b = 0; b < count; b++) assertEquals(Double.doubleToRawLongBits(s.dotScaled(p, xs.get(b), scale[b])), Double.doubleToRawLongBits(acc[b]));
            double[][] y = new double[9][count];
            s.addToBatch(p, wts, y, count);
            for (int b = 0; b < count; b++) {
                double[] one = new double[9], col = new double[9];
                s.addTo(p, wts[b], one);
                for (int i = 0; i < 9; i++) col[i] = y[i][b];
                org.memsweep.engine.TestSupport.assertSameBits(one, col, "row " + p + ", column " + b);
            }
        }
    }

    @Test
    void distancesToARow() {
        SparseRows s = new SparseRows(new double[][] {{0, 2, 0, -1}, {0, 0, 0, 0}}, 0.0);
        double[] z = {1, 1, 3, 1};
        assertEquals(1 + 1 + 9 + 4, s.distSq(0, z), 0.0);
        assertEquals(3, s.linfDist(0, z), 0.0);
        assertEquals(12, s.distSq(1, z), 0.0);
        assertEquals(3, s.linfDist(1, z), 0.0);
    }

    /** Entries that make the products' signed zeros, infinities and NaNs, mixed with ordinary numbers. */
    static double[] awkward(Random r, int n) {
        double[] special = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, -1e308};
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : r.nextGaussian() * 3;
        return x;
    }

    @Test
    void oneEntryRowsGiveTheBitsOfTheGeneralLoop() {
        // rows with one entry at permuted columns, non-unit and negative values, and empty rows
        double[][] rows = {
            {0, 0, -2.5, 0, 0}, {0, 0, 0, 0, 0}, {1.0, 0, 0, 0, 0}, {0, 0, 0, 0, 1 - 0x1p-53}, {0, -1.0, 0, 0, 0}, {0, 0, 0, 0, 0}};
        SparseRows fast = new SparseRows(rows, 0.0), general = new SparseRows(rows, 0.0, false);
        SparseRows fastT = fast.transpose(5), generalT = general.transpose(5);
        Random r = new Random(11);
        for (int t = 0; t < 200; t++) {
            double[] x = awkward(r, 5), shift = awkward(r, 5), at = new double[9];
            System.arraycopy(x, 0, at, 3, 5);
            for (int p = 0; p < rows.length; p++) {
                String what = "row " + p + " of x " + java.util.Arrays.toString(x) + ", shift " + java.util.Arrays.toString(shift);
                assertEquals(bits(general.dot(p, x)), bits(fast.dot(p, x)), what);
                assertEquals(bits(general.dotShifted(p, x, shift)), bits(fast.dotShifted(p, x, shift)), what);
                assertEquals(bits(general.dotShiftedAt(p, at, 3, shift)), bits(fast.dotShiftedAt(p, at, 3, shift)), what);
            }
            double[] w = awkward(r, rows.length);
            for (int i = 0; i < 5; i++) assertEquals(bits(generalT.dot(i, w)), bits(fastT.dot(i, w)), "transposed row " + i);
        }
        // 0.0 + (−0.0): a product of −0 is +0, as the general loop's sum from +0 makes it; an empty row is +0
        double[] negZero = {-0.0, 0.0, 3.0, 0.0, 0.0};
        assertEquals(bits(0.0), bits(fast.dot(0, new double[] {0, 0, 0.0, 0, 0})), "+0 · −2.5 = −0, summed from +0");
        assertEquals(bits(0.0), bits(fast.dotShifted(2, negZero, new double[5])), "(−0 − 0) · 1");
        assertEquals(bits(0.0), bits(fast.dot(1, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN})), "empty row");
        assertEquals(-7.5, fast.dot(0, negZero), 0.0);
    }

    @Test
    void aTransposeWithTwoEntriesInARowSumsThemAsTheGeneralLoopDoes() {
        // one entry per row, but both in column 0: the transpose's row 0 has two
        SparseRows t = new SparseRows(new double[][] {{2.0, 0}, {-0.5, 0}}, 0.0).transpose(2);
        double[] w = {1e308, 1e308};
        assertEquals(0.0 + 2.0 * 1e308 + -0.5 * 1e308, t.dot(0, w), 0.0, "+∞ + (−5e307) = +∞, in row order");
        assertEquals(bits(0.0), bits(t.dot(1, w)));
        assertEquals(1.5, t.dot(0, new double[] {1, 1}), 0.0);
    }

    /**
     * The bits of v with every NaN as the one canonical NaN: Java fixes neither a NaN's sign nor its payload (on
     * x86 ∞ − ∞ gives a negative NaN, and which operand's NaN a sum of two propagates depends on the order the
     * JIT emits them in), so results compare as NaN or as the same bits, signed zeros included.
     */
    static long bits(double v) {
        return Double.doubleToLongBits(v);
    }

    /** {@link #bits} of every entry equal. */
    static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": lengths");
        for (int i = 0; i < expected.length; i++) {
            int k = i;
            assertEquals(bits(expected[i]), bits(actual[i]), () -> what + ": entry " + k + " is " + actual[k] + ", expected " + expected[k]);
        }
    }
}
