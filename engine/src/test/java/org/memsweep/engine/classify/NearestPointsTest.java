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
}
