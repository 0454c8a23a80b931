package org.memsweep.engine.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.exact.OrthogonalExact;
import org.memsweep.engine.flow.KarrasSchedule;

class ExactPredictionTest {
    private static final KarrasSchedule LOW = new KarrasSchedule(0.08, 0.002, 150, 7);

    private static CellParams resolved(Object... kv) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return Cell.build(CellParams.fromMap(m)).params();
    }

    @Test
    void theProbabilityFlowOnOrthogonalDataIsTheClosedFormOfScienceMd5() {
        TrainingSet t = TestSupport.orthogonal(5, 8);
        CellParams r = resolved("n", 5, "d", 8, "sigma-max", 0.08);
        double[] mu = new double[8];
        double[] len = {1, 1, 1, 1}, mean = new double[4];
        assertEquals(OrthogonalExact.probabilityFlow(len, 8, Math.sqrt(8), 0.08, 0.002, 0.2, mean, 0.08).memorized(),
                ExactPrediction.of(t, mu, r, LOW).memorized(), 1e-15);
        assertEquals(OrthogonalExact.scoreFlow(len, 8, 0.2, mean, 80).memorized(),
                ExactPrediction.of(t, mu, resolved("n", 5, "d", 8, "flow", "score"), LOW).memorized(), 1e-15);
    }

    @Test
    void noPredictionWhereScienceMd5DoesNotApply() {
        TrainingSet t = TestSupport.orthogonal(5, 8);
        double[] mu = new double[8];
        assertNotNull(ExactPrediction.of(t, mu, resolved("n", 5, "d", 8, "sigma-max", 0.08), LOW));
        assertNull(ExactPrediction.of(t, mu, resolved("n", 5, "d", 8, "sigma-max", 0.08, "low-noise", "mmse"), LOW), "no closed form");
        KarrasSchedule from80 = new KarrasSchedule(80, 0.002, 150, 7);
        assertNull(ExactPrediction.of(t, mu, resolved("n", 5, "d", 8), from80), "a high-noise denoiser acts above σ_switch");
        TrainingSet rotated = TestSupport.data(org.memsweep.engine.data.DatasetKind.ORTHOGONAL, 5, 8, 0,
                org.memsweep.engine.data.Norms.fixed(1), true, 3);
        assertNull(ExactPrediction.of(rotated, mu, resolved("n", 5, "d", 8, "sigma-max", 0.08), LOW), "not axis-aligned");
    }
}
