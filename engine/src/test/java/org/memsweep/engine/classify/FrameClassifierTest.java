package org.memsweep.engine.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.data.TrainingSets;

class FrameClassifierTest {
    @Test
    void classifiesTheEndpointRotatedBack() {
        TrainingSet t = TrainingSets.generate(new DatasetSpec(DatasetKind.ORTHOGONAL, 4, 6, 0, Norms.fixed(1), true), 9);
        TrainingSet f = t.constructionFrame();
        Classifier inFrame = NearestPointClassifier.forData(f, 0.2);
        Classifier c = new FrameClassifier(t.rotation(), inFrame);
        Classifier ambient = NearestPointClassifier.forData(t, 0.2);
        // In the frame: vertex e1 + e2 moved by 0.15 along every axis: VIRTUAL there (L∞ 0.15 ≤ τ);
        // rotated, the same offset has L∞ up to 0.15·√6 in the ambient frame.
        double[] x = {1.15, 0.85, 0.15, -0.15, 0.15, -0.15};
        double[] y = new double[6];
        t.rotation().toAmbient(x, y);
        Endpoint e = c.classify(y);
        double[] back = new double[6];
        t.rotation().toFrame(y, back);
        assertEquals(inFrame.classify(back), e, "the inner classifier sees Rᵀy");
        assertEquals(Category.VIRTUAL, e.category());
        assertEquals(0.15, e.linfVertex(), 1e-12);
        assertNotEquals(e.linfVertex(), ambient.classify(y).linfVertex(), "the ambient frame measures another L∞");
        y[2] = Double.NaN;
        assertEquals(Category.DIVERGED, c.classify(y).category());
    }
}
