package org.memsweep.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertClose;
import static org.memsweep.engine.TestSupport.data;

import org.memsweep.engine.Vectors;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.denoiser.EmpiricalMmseDenoiser;
import org.memsweep.engine.denoiser.RampSumDenoiser;

class FlowSpaceTest {
    private final TrainingSet t = data(DatasetKind.ORTHOGONAL, 4, 7, 0, Norms.fixed(1), true, 3);
    private final RampSumDenoiser closed = RampSumDenoiser.hyperbox(t, 1.0);
    private final EmpiricalMmseDenoiser mmse = new EmpiricalMmseDenoiser(t);

    @Test
    void choosesTheSharedSubspaceOnlyWhenAllowed() {
        FlowSpace s = FlowSpace.choose(true, mmse, closed);
        assertTrue(s.isSubspace());
        assertEquals(3, s.size());
        FlowSpace a = FlowSpace.choose(false, mmse, closed);
        assertFalse(a.isSubspace());
        assertEquals(7, a.size());
        assertFalse(FlowSpace.choose(true, closed.asNetwork(0.1)).isSubspace(), "a network has no subspace");
        assertFalse(FlowSpace.choose(true, mmse, closed.asNetwork(0.1)).isSubspace());
        TrainingSet other = data(DatasetKind.ORTHOGONAL, 4, 7, 0, Norms.fixed(1), true, 4);
        assertFalse(FlowSpace.choose(true, mmse, new EmpiricalMmseDenoiser(other)).isSubspace(), "different subspaces");
    }

    @Test
    void splitJoinAndDenoiseAgreeBetweenSpaces() {
        FlowSpace s = FlowSpace.choose(true, closed), a = FlowSpace.choose(false, closed);
        Random r = new Random(2);
        for (int k = 0; k < 50; k++) {
            double[] y = TestSupport.gaussian(r, 7, 1);
            double[] zs = new double[3], perp = new double[7], za = new double[7], back = new double[7];
            s.split(y, zs, perp);
            a.split(y, za, null);
            s.join(zs, perp, 1.0, back);
            assertClose(y, back, 1e-13, "subspace round trip");
            a.join(za, null, 1.0, back);
            assertClose(y, back, 0.0, "ambient round trip");
            double[] hs = new double[3], ha = new double[7], hsy = new double[7];
            s.denoise(closed, zs, 0.2, hs);
            a.denoise(closed, za, 0.2, ha);
            s.join(hs, null, 0, hsy);
            assertClose(ha, hsy, 1e-12, "h in both spaces");
        }
    }

    @Test
    void linfBelowMatchesTheExplicitNorm() {
        FlowSpace s = FlowSpace.choose(true, closed), a = FlowSpace.choose(false, closed);
        Random r = new Random(5);
        int decided = 0;
        for (int k = 0; k < 2000; k++) {
            double[] v = TestSupport.gaussian(r, 7, Math.pow(10, -r.nextInt(4)));
            double[] z = new double[3], perp = new double[7];
            s.split(TestSupport.axpy(v, 1, t.copyOfPoint(0)), z, perp);
            double perpSq = Vectors.dot(perp, perp);
            double scale = r.nextBoolean() ? 1.0 : -0.5;
            // the ambient vector is Σ z_j q_j + scale·perp
            double[] w = new double[7];
            s.join(z, perp, scale, w);
            double linf = TestSupport.linf(w);
            double thr = linf * (0.5 + r.nextDouble()); // both sides of the threshold, often close to it
            boolean expected = linf < thr;
            assertEquals(expected, s.linfBelow(z, perp, perpSq, scale, thr), "subspace, |v|∞ = " + linf + ", thr = " + thr);
            assertEquals(expected, a.linfBelow(w, null, 0, 1, thr), "ambient");
            if (expected) decided++;
        }
        assertTrue(decided > 500 && decided < 1500, "both outcomes are exercised");
    }
}
