package org.memsweep.engine.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;
import static org.memsweep.engine.TestSupport.data;

import org.memsweep.engine.Vectors;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;

class NearestPointClassifierTest {
    @Test
    void gaussianData() {
        TrainingSet t = data(DatasetKind.GAUSSIAN, 6, 4, 0, Norms.fixed(3), false, 2);
        NearestPointClassifier c = new NearestPointClassifier(t, 0.2);
        Random r = new Random(1);
        for (int p = 0; p < 6; p++) {
            double[] off = TestSupport.gaussian(r, 4, 1);
            off = TestSupport.axpy(new double[4], 0.15 / TestSupport.linf(off), off);
            double[] y = TestSupport.axpy(t.copyOfPoint(p), 1, off);
            Endpoint e = c.classify(y);
            assertEquals(Category.TRAINING, e.category());
            assertTrue(e.category().isMemorized());
            assertEquals(-1, e.vertexOrder());
            assertTrue(Double.isNaN(e.linfVertex()));
            assertFalse(e.boundary());
            assertEquals(0.15, e.linfNearest(), 1e-12);
            assertEquals(Vectors.norm(off), e.d1(), 1e-12);
            double second = Double.POSITIVE_INFINITY;
            for (int q = 0; q < 6; q++) if (q != p) second = Math.min(second, TestSupport.dist(y, t.copyOfPoint(q)));
            assertEquals(second, e.d2(), 1e-12);
            assertEquals(e.d1() / e.d2(), e.nnRatio(), 1e-15);
            assertEquals(e.nnRatio() < 1.0 / 3, e.nnMemorized());
        }
        double[] far = {10, 10, 10, 10};
        assertEquals(Category.OTHER, c.classify(far).category());
        assertEquals(Category.DIVERGED, c.classify(new double[] {0, Double.NaN, 0, 0}).category());
        assertEquals(Category.DIVERGED, c.classify(new double[] {0, 0, Double.NEGATIVE_INFINITY, 0}).category());
    }

    @Test
    void equilateralDataAndThreshold() {
        // x_n = e_n in R^4, τ = 0.25: all numbers below are exact in binary
        TrainingSet t = data(DatasetKind.EQUILATERAL_SIMPLEX, 3, 4, 0, Norms.fixed(1), false, 1);
        NearestPointClassifier c = new NearestPointClassifier(t, 0.25);
        assertEquals(Category.TRAINING, c.classify(new double[] {1.25, 0, 0, 0}).category(), "exactly τ");
        assertEquals(Category.TRAINING, c.classify(new double[] {1, 0, 0, -0.25}).category(), "exactly τ, outside the span");
        assertEquals(Category.OTHER, c.classify(new double[] {Math.nextUp(1.25), 0, 0, 0}).category());
        Endpoint centroid = c.classify(t.mean());
        assertEquals(Category.OTHER, centroid.category());
        assertEquals(centroid.d1(), centroid.d2(), 1e-15);
        assertEquals(1.0, centroid.nnRatio(), 1e-15);
        assertFalse(centroid.nnMemorized());
        assertEquals(Math.sqrt(2.0 / 3), centroid.d1(), 1e-15, "‖e_1 − (1,1,1,0)/3‖");
        assertEquals(2.0 / 3, centroid.linfNearest(), 1e-15);
    }

    @Test
    void singlePointHasNoSecondDistance() {
        TrainingSet t = data(DatasetKind.GAUSSIAN, 1, 3, 0, Norms.fixed(1), false, 1);
        Endpoint e = new NearestPointClassifier(t, 0.2).classify(t.copyOfPoint(0));
        assertEquals(Category.TRAINING, e.category());
        assertEquals(0.0, e.d1());
        assertTrue(Double.isNaN(e.d2()) && Double.isNaN(e.nnRatio()));
        assertFalse(e.nnMemorized());
    }

    @Test
    void forDataChoosesTheClassifierOfTheKind() {
        assertInstanceOf(HyperboxClassifier.class, NearestPointClassifier.forData(data(DatasetKind.ORTHOGONAL, 3, 3, 0, Norms.fixed(1), false, 1), 0.2));
        assertInstanceOf(HyperboxClassifier.class, NearestPointClassifier.forData(data(DatasetKind.OBTUSE_SIMPLEX, 3, 3, 0.5, Norms.fixed(1), false, 1), 0.2));
        assertInstanceOf(NearestPointClassifier.class, NearestPointClassifier.forData(data(DatasetKind.EQUILATERAL_SIMPLEX, 3, 3, 0, Norms.fixed(1), false, 1), 0.2));
        assertInstanceOf(NearestPointClassifier.class, NearestPointClassifier.forData(data(DatasetKind.GAUSSIAN, 3, 3, 0, Norms.fixed(1), false, 1), 0.2));
    }

    @Test
    void invalidTau() {
        TrainingSet t = data(DatasetKind.GAUSSIAN, 3, 3, 0, Norms.fixed(1), false, 1);
        assertInvalid("tau", "0", () -> new NearestPointClassifier(t, 0));
        assertInvalid("tau", "-1", () -> new NearestPointClassifier(t, -1));
        assertInvalid("tau", "NaN", () -> NearestPointClassifier.forData(t, Double.NaN));
    }
}
