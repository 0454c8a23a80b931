package org.memsweep.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;
import static org.memsweep.engine.TestSupport.data;
import static org.memsweep.engine.TestSupport.orthogonal;

import org.junit.jupiter.api.Test;
import org.memsweep.engine.classify.Category;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.denoiser.Denoiser;
import org.memsweep.engine.denoiser.RampSumDenoiser;

class VirtualPointStabilityTest {
    private static final double SIGMA = 0.05; // ρ = √30 · 0.05 ≈ 0.27 < ½: the closed form exists

    /**
     * Every hyperbox vertex lies at distance ρ from every ramp's kinks, on their flat side: the
     * argument of ramp n is (L − ρ)/(L − 2ρ) &gt; 1 for n ∈ S and −ρ/(L − 2ρ) &lt; 0 otherwise, so
     * h(v_S) = v_S exactly and the first step stops the iteration. Rotated data, to show nothing
     * relies on axis-aligned edges.
     */
    @Test
    void closedFormKeepsEveryPairTripletAndQuadruplet() {
        TrainingSet data = data(DatasetKind.ORTHOGONAL, 31, 30, 0, Norms.fixed(1), true, 7);
        RampSumDenoiser h = RampSumDenoiser.forData(data, Math.sqrt(30));
        long[] expected = {435, 4060, 27405};
        for (int k = 2; k <= 4; k++) {
            VirtualPointStability.Result r = VirtualPointStability.run(h, SIGMA, data, k, 0.2, 100, 1e-9);
            assertEquals(expected[k - 2], r.total(), "C(30, k)");
            assertEquals(r.total(), r.stable(), "k = " + k);
            assertEquals(1.0, r.fraction());
            assertEquals(0, r.unconverged());
            assertEquals(r.total(), r.iterations(), "one evaluation per start: h(v) = v exactly");
        }
    }

    /**
     * Rounds y to its nearest vertex of the axis-aligned unit hyperbox, except that a vertex of
     * order 3 holding edge 0 loses it: the triplets with edge 0 fall to a pair, everything else stays.
     */
    private static final class CollapsesTripletsWithEdgeZero implements Denoiser {
        private final int d;

        CollapsesTripletsWithEdgeZero(int d) {
            this.d = d;
        }

        @Override
        public int dimension() {
            return d;
        }

        @Override
        public void denoise(double[] y, double sigma, double[] out) {
            int order = 0;
            for (int i = 0; i < d; i++) {
                out[i] = y[i] >= 0.5 ? 1 : 0;
                order += (int) out[i];
            }
            if (order == 3 && out[0] == 1) out[0] = 0;
        }
    }

    @Test
    void plantedDenoiserLosesExactlyTheTripletsItCollapses() {
        TrainingSet data = orthogonal(31, 30);
        Denoiser h = new CollapsesTripletsWithEdgeZero(30);
        VirtualPointStability.Result pairs = VirtualPointStability.run(h, SIGMA, data, 2, 0.2, 100, 1e-9);
        assertEquals(435, pairs.stable());
        VirtualPointStability.Result triplets = VirtualPointStability.run(h, SIGMA, data, 3, 0.2, 100, 1e-9);
        long lost = 29 * 28 / 2; // the triplets {0, i, j}
        assertEquals(4060 - lost, triplets.stable());
        assertEquals(lost, triplets.unstable(Category.VIRTUAL), "each lands on the pair {i, j}");
        long[] orders = new long[31];
        orders[2] = lost;
        assertArrayEquals(orders, triplets.unstableOrder());
        assertEquals(0, triplets.unconverged());
        VirtualPointStability.Result quads = VirtualPointStability.run(h, SIGMA, data, 4, 0.2, 100, 1e-9);
        assertEquals(27405, quads.stable());
    }

    @Test
    void anExpandingMapNeverConvergesAndLeavesTheHyperbox() {
        TrainingSet data = orthogonal(5, 4);
        Denoiser doubling = new Denoiser() {
            @Override
            public int dimension() {
                return 4;
            }

            @Override
            public void denoise(double[] y, double sigma, double[] out) {
                for (int i = 0; i < 4; i++) out[i] = 2 * y[i];
            }
        };
        VirtualPointStability.Result r = VirtualPointStability.run(doubling, SIGMA, data, 2, 0.2, 50, 1e-9);
        assertEquals(6, r.total());
        assertEquals(0, r.stable());
        assertEquals(6, r.unconverged());
        assertEquals(300, r.iterations());
        assertEquals(6, r.unstable(Category.OTHER));
        assertArrayEquals(new long[] {0, 0, 6, 0, 0}, r.unstableOrder(), "the nearest vertex still holds the start's two edges");
    }

    @Test
    void subsetsAreVisitedInLexicographicOrder() {
        int[] s = {0, 1};
        StringBuilder seen = new StringBuilder("01");
        while (VirtualPointStability.nextSubset(s, 4)) seen.append(' ').append(s[0]).append(s[1]);
        assertEquals("01 02 03 12 13 23", seen.toString());
        assertEquals(27405, VirtualPointStability.binomial(30, 4));
        assertEquals(Long.MAX_VALUE, VirtualPointStability.binomial(200, 100));
        assertFalse(VirtualPointStability.nextSubset(new int[] {2, 3}, 4));
    }

    @Test
    void badInputIsOneMessage() {
        TrainingSet data = orthogonal(31, 30);
        RampSumDenoiser h = RampSumDenoiser.forData(data, Math.sqrt(30));
        assertInvalid("k", "0", () -> VirtualPointStability.run(h, SIGMA, data, 0, 0.2, 100, 1e-9), "1 ≤ k ≤ N − 1 = 30");
        assertInvalid("k", "31", () -> VirtualPointStability.run(h, SIGMA, data, 31, 0.2, 100, 1e-9), "1 ≤ k");
        assertInvalid("k", "15", () -> VirtualPointStability.run(h, SIGMA, data, 15, 0.2, 100, 1e-9), "155117520");
        assertInvalid("radius", "0", () -> VirtualPointStability.run(h, SIGMA, data, 2, 0, 100, 1e-9), "> 0");
        assertInvalid("radius", "NaN", () -> VirtualPointStability.run(h, SIGMA, data, 2, Double.NaN, 100, 1e-9), "> 0");
        assertInvalid("max-iterations", "0", () -> VirtualPointStability.run(h, SIGMA, data, 2, 0.2, 0, 1e-9), "≥ 1");
        assertInvalid("tolerance", "-1", () -> VirtualPointStability.run(h, SIGMA, data, 2, 0.2, 10, -1), "> 0");
        assertInvalid("sigma", "0.1", () -> VirtualPointStability.run(h, 0.1, data, 2, 0.2, 10, 1e-9), "0 < σ <");
        TrainingSet simplex = data(DatasetKind.OBTUSE_SIMPLEX, 4, 3, 0.2, Norms.fixed(1), false, 1);
        assertInvalid("dataset", "obtuse-simplex", () -> VirtualPointStability.run(RampSumDenoiser.forData(simplex, 1), SIGMA, simplex, 2, 0.2, 10, 1e-9),
                "orthogonal");
        TrainingSet small = orthogonal(4, 3);
        assertInvalid("denoiser", "R^30", () -> VirtualPointStability.run(h, SIGMA, small, 2, 0.2, 10, 1e-9), "R^3");
        assertTrue(VirtualPointStability.MAX_SUBSETS >= 27405);
    }
}
