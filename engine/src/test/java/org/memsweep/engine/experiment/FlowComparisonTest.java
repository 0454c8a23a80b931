package org.memsweep.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;
import static org.memsweep.engine.TestSupport.data;
import static org.memsweep.engine.TestSupport.orthogonal;

import org.junit.jupiter.api.Test;
import org.memsweep.engine.classify.Category;
import org.memsweep.engine.classify.Endpoint;
import org.memsweep.engine.classify.NearestPointClassifier;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.denoiser.EmpiricalMmseDenoiser;
import org.memsweep.engine.denoiser.RampSumDenoiser;
import org.memsweep.engine.exact.OrthogonalExact;
import org.memsweep.engine.flow.Flow;
import org.memsweep.engine.flow.FlowOutcome;
import org.memsweep.engine.flow.KarrasSchedule;
import org.memsweep.engine.flow.ProbabilityFlow;
import org.memsweep.engine.flow.ScoreFlow;
import org.memsweep.engine.flow.Solver;

class FlowComparisonTest {
    private static final int N = 9, D = 12, STARTS = 400;
    private static final double ALPHA = Math.sqrt(D), TAU = 0.2;

    private static FlowComparison comparison(TrainingSet data, double scale, long seed) {
        double[] mean = data.boxCenter();
        return new FlowComparison(data, TAU, mean, scale, seed, "test|box-center|" + scale, STARTS);
    }

    /** The flow that stops where it starts: its endpoints are the starts themselves. */
    private record Identity(int dimension) implements Flow {
        @Override
        public FlowOutcome run(double[] start, double[] end) {
            System.arraycopy(start, 0, end, 0, start.length);
            return new FlowOutcome(0, true);
        }
    }

    @Test
    void everyFlowSeesTheSameStartsAndEveryEndpointIsCountedOnce() {
        TrainingSet data = orthogonal(N, D);
        FlowComparison c = comparison(data, 0.3, 1);
        FlowComparison.Result r = c.run(new Identity(D));
        // Classify the starts one by one: the identity flow's tallies must be exactly these.
        var classifier = NearestPointClassifier.forData(data, TAU);
        long[] by = new long[Category.values().length];
        long boundary = 0;
        double[] y = new double[D];
        for (int i = 0; i < STARTS; i++) {
            c.start(i, y);
            Endpoint e = classifier.classify(y);
            by[e.category().ordinal()]++;
            if (e.category() == Category.MANIFOLD && e.boundary()) boundary++;
        }
        assertArrayEquals(by, r.byCategory());
        assertEquals(boundary, r.boundary());
        assertEquals(STARTS, java.util.Arrays.stream(r.byCategory()).sum());
        assertEquals(STARTS, java.util.Arrays.stream(r.byOrder()).sum(), "every finite endpoint has a nearest vertex");
        assertTrue(java.util.Arrays.stream(r.byCategory()).filter(x -> x > 0).count() >= 2, "not a one-category test: "
                + java.util.Arrays.toString(r.byCategory()));
        // Deterministic, and the master seed moves the starts.
        assertArrayEquals(r.byCategory(), comparison(data, 0.3, 1).run(new Identity(D)).byCategory());
        double[] other = new double[D];
        comparison(data, 0.3, 2).start(0, other);
        c.start(0, y);
        assertNotEquals(y[0], other[0]);
    }

    /**
     * With the closed form, the score flow ends at the hyperbox vertex nearest to its start (science.md
     * §5): edge coordinate t_n → 1 when t_n &gt; ½, else 0; so the order of the end vertex is the number of
     * start coordinates above ½, start by start.
     */
    @Test
    void closedFormScoreFlowEndsAtTheVertexNearestItsStart() {
        TrainingSet data = orthogonal(N, D);
        FlowComparison c = comparison(data, 0.3, 3);
        RampSumDenoiser h = RampSumDenoiser.forData(data, ALPHA);
        double sigma = h.validBelow() / 2;
        FlowComparison.Result r = c.run(new ScoreFlow(h, sigma, 0.5, 1e-6, 10_000, true));
        long[] order = new long[N];
        double[] y = new double[D];
        for (int i = 0; i < STARTS; i++) {
            c.start(i, y);
            int k = 0;
            for (int n = 0; n < N - 1; n++) if (OrthogonalExact.scoreFlowEnd(y[n], 1) == 1) k++;
            order[k]++;
        }
        assertArrayEquals(order, r.byOrder());
        assertEquals(order[0], r.count(Category.APEX));
        assertEquals(order[1], r.count(Category.TRAINING));
        assertEquals(STARTS - order[0] - order[1], r.count(Category.VIRTUAL));
        assertEquals(0, r.unconverged());
        assertEquals(r.count(Category.APEX) + r.count(Category.TRAINING), r.memorized());
        assertTrue(r.steps() > STARTS, "the score flow takes steps");
    }

    /**
     * The probability flow from the same starts: with the closed form at every level it freezes the
     * coordinates that start on a ramp (science.md §4), so it ends on the hyperbox (MANIFOLD) where the
     * score flow reaches a vertex; with the memorizing MMSE it ends at training points.
     */
    @Test
    void probabilityFlowFreezesOnRampsWithTheClosedFormAndMemorizesWithTheMmse() {
        TrainingSet data = orthogonal(N, D);
        FlowComparison c = comparison(data, 0.3, 4);
        RampSumDenoiser closed = RampSumDenoiser.forData(data, ALPHA);
        KarrasSchedule low = new KarrasSchedule(0.08, 0.002, 30, 7);
        FlowComparison.Result p = c.run(new ProbabilityFlow(low, Solver.EULER, null, closed, 0.08, true));
        FlowComparison.Result s = c.run(new ScoreFlow(closed, closed.validBelow() / 2, 0.5, 1e-6, 10_000, true));
        assertTrue(p.count(Category.MANIFOLD) > STARTS / 4, "frozen on ramps: " + p.count(Category.MANIFOLD));
        assertEquals(0, s.count(Category.MANIFOLD), "the score flow always reaches a vertex");
        assertTrue(p.boundary() <= p.count(Category.MANIFOLD));
        assertEquals(STARTS, p.steps() / (low.levels() - 1), "one step per level gap for every start");

        KarrasSchedule high = new KarrasSchedule(2, 0.002, 20, 7);
        FlowComparison.Result m = c.run(new ProbabilityFlow(high, Solver.EULER, new EmpiricalMmseDenoiser(data), closed,
                0.07, true));
        assertTrue(m.memorized() > 0.9 * STARTS, "the MMSE memorizes: " + m.memorized());
    }

    @Test
    void refusesDataWithoutAHyperboxAndBadSettings() {
        TrainingSet simplex = data(DatasetKind.EQUILATERAL_SIMPLEX, 5, 8, 0, Norms.fixed(1), false, 1);
        assertInvalid("dataset", "equilateral-simplex", () -> new FlowComparison(simplex, TAU, new double[8], 1, 1, "k", 10));
        TrainingSet data = orthogonal(N, D);
        assertInvalid("tau", "0", () -> new FlowComparison(data, 0, new double[D], 1, 1, "k", 10));
        assertInvalid("start-scale", "-1", () -> new FlowComparison(data, TAU, new double[D], -1, 1, "k", 10));
        assertInvalid("starts", "0", () -> new FlowComparison(data, TAU, new double[D], 1, 1, "k", 0));
        FlowComparison c = new FlowComparison(data, TAU, new double[D], 1, 1, "k", 10);
        assertInvalid("flow", "a flow in R^3", () -> c.run(new Identity(3)));
    }
}
