package org.memsweep.engine.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.data;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;

class NearestPointsTest {
    @Test
    void matchesBruteForce() {
        for (TrainingSet t : new TrainingSet[] {
            data(DatasetKind.GAUSSIAN, 20, 6, 0, Norms.fixed(1), false, 3),
            data(DatasetKind.GAUSSIAN, 4, 9, 0, Norms.fixed(2), false, 3),
            data(DatasetKind.ORTHOGONAL, 8, 12, 0, new Norms(0.5, 1.5), true, 3),
            data(DatasetKind.OBTUSE_SIMPLEX, 6, 7, 0.2, Norms.fixed(1), true, 3)}) {
            NearestPoints np = new NearestPoints(t);
            Random r = new Random(4);
            double[] out = new double[4];
            int d = t.dimension();
            for (int k = 0; k < 500; k++) {
                double[] y = TestSupport.axpy(t.copyOfPoint(r.nextInt(t.size())), 1, TestSupport.gaussian(r, d, 0.5 * r.nextDouble()));
                double b1 = Double.POSITIVE_INFINITY, b2 = Double.POSITIVE_INFINITY;
                int best = -1;
                for (int p = 0; p < t.size(); p++) {
                    double dd = TestSupport.dist(y, t.copyOfPoint(p));
                    if (dd < b1) {
                        b2 = b1;
                        b1 = dd;
                        best = p;
                    } else if (dd < b2) {
                        b2 = dd;
                    }
                }
                np.measure(y, out);
                assertEquals(b1, out[0], 1e-12, "d1");
                assertEquals(b2, out[1], 1e-12, "d2");
                assertTrue(out[0] <= out[1]);
                assertEquals(best, (int) out[3], "index of the nearest");
                assertEquals(TestSupport.linf(TestSupport.axpy(y, -1, t.copyOfPoint(best))), out[2], 1e-12, "L∞ to the nearest");
            }
        }
        assertEquals(1.0 / 3, NearestPoints.NN_RATIO_THRESHOLD, 0.0);
    }

    @Test
    void subspaceFormEqualsTheAmbientOneOnAxisAlignedData() {
        for (TrainingSet t : new TrainingSet[] {
            data(DatasetKind.ORTHOGONAL, 8, 12, 0, new Norms(0.5, 1.5), false, 3),
            data(DatasetKind.ORTHOGONAL, 13, 12, 0, Norms.fixed(1), false, 4), // N − 1 = d: no perpendicular part
            data(DatasetKind.ORTHOGONAL, 31, 30, 0, new Norms(0.2, 7), false, 5)}) {
            NearestPoints np = new NearestPoints(t);
            assertTrue(np.measuresInSubspace());
            Random r = new Random(5);
            int d = t.dimension(), rr = t.subspace().dimension();
            double[] a = new double[4], b = new double[4], z = new double[rr], perp = new double[d];
            for (int k = 0; k < 2000; k++) {
                double[] y = TestSupport.axpy(t.copyOfPoint(r.nextInt(t.size())), 1, TestSupport.gaussian(r, d, 0.3 * r.nextDouble()));
                if (k % 7 == 0) y = TestSupport.gaussian(r, d, 1e3); // far away
                np.measure(y, a);
                t.subspace().split(y, z, perp);
                double sq = 0, inf = 0;
                for (double v : perp) {
                    sq += v * v;
                    inf = Math.max(inf, Math.abs(v));
                }
                np.measureInSubspace(z, sq, inf, b);
                double scale = Math.max(1, TestSupport.linf(y));
                for (int i = 0; i < 3; i++) assertEquals(a[i], b[i], 1e-12 * scale, "metric " + i + " of point " + k);
                assertEquals(a[3], b[3], "the same nearest point");
            }
        }
        NearestPoints rotated = new NearestPoints(data(DatasetKind.ORTHOGONAL, 5, 7, 0, Norms.fixed(1), true, 3));
        assertTrue(!rotated.measuresInSubspace(), "rotated data need the ambient L∞");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> rotated.measureInSubspace(new double[4], 0, 0, new double[4]));
    }
}
