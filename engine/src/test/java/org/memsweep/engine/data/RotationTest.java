package org.memsweep.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;
import org.memsweep.engine.Vectors;
import org.memsweep.engine.rng.Rng;

class RotationTest {
    /** The d × d matrix R, column by column (R e_j). */
    private static double[][] columns(Rotation r, int d) {
        double[][] c = new double[d][d];
        for (int j = 0; j < d; j++) {
            c[j][j] = 1.0;
            r.toAmbient(c[j], c[j]);
        }
        return c;
    }

    @Test
    void isOrthogonalAndToFrameInvertsToAmbient() {
        int d = 7;
        for (int w : new int[] {1, 3, 7}) {
            Rotation r = Rotation.haar(d, w, new Rng(11 + w));
            double[][] c = columns(r, d);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) assertEquals(i == j ? 1.0 : 0.0, Vectors.dot(c[i], c[j]), 1e-14, "w=" + w + " RᵀR " + i + "," + j);
            }
            Rng g = new Rng(5);
            double[] y = new double[d], x = new double[d], back = new double[d];
            for (int i = 0; i < d; i++) y[i] = g.nextGaussian();
            r.toFrame(y, x);
            r.toAmbient(x, back);
            TestSupport.assertClose(y, back, 1e-14, "R Rᵀ y = y");
            for (int i = 0; i < d; i++) assertEquals(Vectors.dot(c[i], y), x[i], 1e-14, "(Rᵀy)_i = column i · y");
            assertTrue(Math.abs(c[0][0]) < 1 - 1e-6, "an actual rotation");
        }
    }

    @Test
    void firstColumnIsUniformOnTheSphere() {
        // Haar: the first column is uniform on S^{d−1}, so each coordinate has mean 0 and variance 1/d
        // (the sign fix matters: without it the first coordinate is always ≤ 0).
        int d = 4, runs = 4000;
        double[] s1 = new double[d], s2 = new double[d];
        for (int k = 0; k < runs; k++) {
            double[] e = new double[d];
            e[0] = 1;
            Rotation.haar(d, 2, new Rng(1000 + k)).toAmbient(e, e);
            for (int i = 0; i < d; i++) {
                s1[i] += e[i];
                s2[i] += e[i] * e[i];
            }
        }
        // var of a coordinate: 1/d; var of its square: 2(d−1)/(d²(d+2))
        for (int i = 0; i < d; i++) {
            assertEquals(0.0, s1[i] / runs, 4 * Math.sqrt(1.0 / d / runs), "mean " + i);
            assertEquals(1.0 / d, s2[i] / runs, 4 * Math.sqrt(2.0 * (d - 1) / (d * d * (d + 2.0)) / runs), "second moment " + i);
        }
    }

    @Test
    void rotatedDataSetsCarryTheirConstructionFrame() {
        DatasetSpec spec = new DatasetSpec(DatasetKind.OBTUSE_SIMPLEX, 5, 9, 0.2, Norms.parse("uniform(0.5,1.5)"), true);
        TrainingSet t = TrainingSets.generate(spec, 3);
        TrainingSet f = t.constructionFrame();
        double[] x = new double[9];
        for (int p = 0; p < 5; p++) {
            t.rotation().toAmbient(f.copyOfPoint(p), x);
            TestSupport.assertClose(t.copyOfPoint(p), x, 1e-14, "point " + p + " = R · its construction-frame point");
            for (int i = 4; i < 9; i++) assertEquals(0.0, f.copyOfPoint(p)[i], "the frame points lie in the first N−1 coordinates");
        }
        TrainingSet plain = TrainingSets.generate(new DatasetSpec(DatasetKind.ORTHOGONAL, 5, 9, 0, Norms.fixed(1), false), 3);
        assertEquals(null, plain.rotation());
        assertTrue(plain.constructionFrame() == plain);
        TrainingSet orth = TrainingSets.generate(new DatasetSpec(DatasetKind.ORTHOGONAL, 5, 9, 0, Norms.fixed(1), true), 3);
        assertTrue(orth.constructionFrame().isAxisAlignedOrthogonal());
        assertTrue(!orth.isAxisAlignedOrthogonal());
    }
}
