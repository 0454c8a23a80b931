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
}
