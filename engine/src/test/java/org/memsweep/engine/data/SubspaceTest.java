package org.memsweep.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.memsweep.engine.TestSupport.assertClose;

import org.memsweep.engine.Vectors;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;

class SubspaceTest {
    /** A random 3-dimensional affine subspace of R^7 (orthonormal rows by Gram–Schmidt). */
    private static Subspace random(Random r) {
        double[][] q = new double[3][];
        for (int j = 0; j < 3; j++) {
            double[] v = TestSupport.gaussian(r, 7, 1);
            for (int k = 0; k < j; k++) v = TestSupport.axpy(v, -Vectors.dot(v, q[k]), q[k]);
            double n = Vectors.norm(v);
            for (int i = 0; i < 7; i++) v[i] /= n;
            q[j] = v;
        }
        return new Subspace(TestSupport.gaussian(r, 7, 1), q);
    }

    @Test
    void splitThenJoinRestoresThePoint() {
        Random r = new Random(1);
        Subspace s = random(r);
        assertEquals(7, s.ambientDimension());
        assertEquals(3, s.dimension());
        for (int t = 0; t < 50; t++) {
            double[] y = TestSupport.gaussian(r, 7, 3);
            double[] z = new double[3], perp = new double[7], back = new double[7];
            s.split(y, z, perp);
            for (int j = 0; j < 3; j++) {
                assertEquals(Vectors.dot(s.basisVector(j), TestSupport.axpy(y, -1, s.origin())), z[j], 1e-13, "z_j = q_j·(y − o)");
                assertEquals(0.0, Vectors.dot(s.basisVector(j), perp), 1e-13, "perp ⟂ q_j");
            }
            s.join(z, perp, 1.0, back);
            assertClose(y, back, 1e-13, "join(split(y))");
            // perpScale scales only the perpendicular part; null perp projects onto the subspace
            double[] half = new double[7], proj = new double[7];
            s.join(z, perp, 0.5, half);
            s.join(z, null, 0.0, proj);
            assertClose(TestSupport.axpy(proj, 0.5, perp), half, 1e-13, "join with perpScale 0.5");
            double[] zp = new double[3];
            s.split(proj, zp, null);
            assertClose(z, zp, 1e-13, "the projection has the same coordinates");
        }
    }

    @Test
    void linfOfAndVectorCoordinates() {
        Random r = new Random(2);
        Subspace s = random(r);
        double[] w = TestSupport.gaussian(r, 3, 1), p = TestSupport.gaussian(r, 7, 1);
        double[] v = new double[7];
        for (int j = 0; j < 3; j++) v = TestSupport.axpy(v, w[j], s.basisVector(j));
        assertEquals(TestSupport.linf(TestSupport.axpy(v, -2.0, p)), s.linfOf(w, p, -2.0), 1e-14);
        assertEquals(TestSupport.linf(v), s.linfOf(w, null, 5.0), 1e-14);
        double[] z = new double[3];
        s.coordinatesOfVector(v, z);
        assertClose(w, z, 1e-14, "coordinates of Σ w_j q_j");
    }

    @Test
    void ambientIsTheIdentity() {
        Subspace a = Subspace.ambient(4);
        double[] y = {1.5, -2, 1e300, 0}, z = new double[4], perp = new double[4], back = new double[4];
        a.split(y, z, perp);
        assertArrayEquals(y, z, 0.0);
        assertArrayEquals(new double[4], perp, 0.0);
        a.join(z, perp, 3.0, back);
        assertArrayEquals(y, back, 0.0);
    }

    @Test
    void accessorsReturnCopies() {
        Subspace s = random(new Random(4));
        double[] o = s.origin();
        o[0] = 1e9;
        assertEquals(false, s.origin()[0] == 1e9);
        double[] q = s.basisVector(1);
        q[2] = 1e9;
        assertEquals(false, s.basisVector(1)[2] == 1e9);
    }

    @Test
    void rowSplitAndJoinGiveTheSameBitsAsTheVectorForms() {
        Random r = new Random(6);
        Subspace s = random(r);
        int d = s.ambientDimension(), k = s.dimension();
        double[] y = org.memsweep.engine.TestSupport.gaussian(r, d, 3);
        double[] z = new double[k], perp = new double[d], z2 = new double[k];
        s.split(y, z, perp);
        double[] rowY = new double[2 * d], rowPerp = new double[3 * d];
        System.arraycopy(y, 0, rowY, d, d);
        s.splitRow(rowY, d, z2, rowPerp, 2 * d);
        org.memsweep.engine.TestSupport.assertSameBits(z, z2, "coordinates");
        org.memsweep.engine.TestSupport.assertSameBits(perp, java.util.Arrays.copyOfRange(rowPerp, 2 * d, 3 * d), "perpendicular part");
        double[] back = new double[d], backRow = new double[2 * d];
        s.join(z, perp, 0.37, back);
        s.joinRow(z, rowPerp, 2 * d, 0.37, backRow, d);
        org.memsweep.engine.TestSupport.assertSameBits(back, java.util.Arrays.copyOfRange(backRow, d, 2 * d), "joined point");
        assertEquals(s.linfOf(z, perp, 0.37), s.linfOf(z, rowPerp, 2 * d, 0.37));
    }

    @Test
    void axisAlignment() {
        assertEquals(true, Subspace.ambient(4).isAxisAligned());
        assertEquals(false, random(new Random(7)).isAxisAligned());
        double[][] basis = {{0, -1, 0, 0}, {0, 0, 0, 1}};
        assertEquals(true, new Subspace(new double[] {1, 2, 3, 4}, basis).isAxisAligned());
    }

    @Test
    void axisAlignedBasesGiveTheBitsOfTheGeneralLoops() {
        // permuted, signed axes: all of R^4 (every coordinate touched), and 3 of R^6 (coordinates 0, 3, 5 not),
        // with a value 1 − 1ulp as a unit edge e_n/L_n may have
        double[][] full = {{0, 0, -1.0, 0}, {0, 0, 0, 1.0}, {1 - 0x1p-53, 0, 0, 0}, {0, -1.0, 0, 0}};
        double[][] part = {{0, 0, 0, 0, -1.0, 0}, {0, 1 - 0x1p-53, 0, 0, 0, 0}, {0, 0, 1.0, 0, 0, 0}};
        Random r = new Random(12);
        for (double[][] basis : new double[][][] {full, part}) {
            int d = basis[0].length, k = basis.length;
            double[] o = SparseRowsTest.awkward(r, d);
            for (int i = 0; i < d; i++) if (!Double.isFinite(o[i])) o[i] = i % 2 == 0 ? -0.0 : 0.0;
            Subspace fast = new Subspace(o, basis), general = new Subspace(o, basis, false);
            for (int t = 0; t < 200; t++) {
                // y equal to the origin in some coordinates: y − o = +0, times −1 is −0, which the sums make +0
                double[] y = SparseRowsTest.awkward(r, d);
                for (int i = 0; i < d; i++) if (r.nextInt(4) == 0) y[i] = o[i];
                double[] zf = new double[k], zg = new double[k], pf = new double[d], pg = new double[d];
                String what = "d " + d + ", y " + java.util.Arrays.toString(y);
                fast.split(y, zf, pf);
                general.split(y, zg, pg);
                SparseRowsTest.assertSameBits(zg, zf, "coordinates, " + what);
                SparseRowsTest.assertSameBits(pg, pf, "perpendicular part, " + what);
                double[] rowY = new double[3 * d], rowP = new double[2 * d], zr = new double[k];
                System.arraycopy(y, 0, rowY, 2 * d, d);
                fast.splitRow(rowY, 2 * d, zr, rowP, d);
                SparseRowsTest.assertSameBits(zg, zr, "row coordinates, " + what);
                SparseRowsTest.assertSameBits(pg, java.util.Arrays.copyOfRange(rowP, d, 2 * d), "row perpendicular part, " + what);
                // joins of awkward coordinates and perpendicular parts
                double[] w = SparseRowsTest.awkward(r, k), perp = SparseRowsTest.awkward(r, d);
                double scale = t % 3 == 0 ? -0.0 : r.nextGaussian();
                double[] jf = new double[d], jg = new double[d], jr = new double[2 * d];
                fast.join(w, perp, scale, jf);
                general.join(w, perp, scale, jg);
                SparseRowsTest.assertSameBits(jg, jf, "join, " + what);
                fast.join(w, null, scale, jf);
                general.join(w, null, scale, jg);
                SparseRowsTest.assertSameBits(jg, jf, "join without a perpendicular part, " + what);
                System.arraycopy(perp, 0, rowP, d, d);
                fast.joinRow(w, rowP, d, scale, jr, d);
                double[] gr = new double[2 * d];
                general.joinRow(w, rowP, d, scale, gr, d);
                SparseRowsTest.assertSameBits(gr, jr, "row join, " + what);
                assertEquals(SparseRowsTest.bits(general.linfOf(w, perp, scale)), SparseRowsTest.bits(fast.linfOf(w, perp, scale)), "L∞, " + what);
                fast.coordinatesOfVector(y, zf);
                general.coordinatesOfVector(y, zg);
                SparseRowsTest.assertSameBits(zg, zf, "coordinates of a vector, " + what);
            }
        }
    }
}
